package dev.workitems;

import java.util.List;
import java.util.Map;

/**
 * A section of a form ({@code SectionDetails}).
 *
 * @param name the section's name, may be null
 * @param label its label, may be null
 * @param formItems its items: free-form JSON objects (fields or nested sections); never null
 */
public record FormSection(String name, String label, List<Map<String, Object>> formItems) {

    /** Copies the items deeply; null becomes empty. */
    public FormSection {
        Checks.text(name, "form.sections.name");
        Checks.text(label, "form.sections.label");
        formItems = JsonValues.copyObjects(formItems, "form.sections.formItems");
    }
}
