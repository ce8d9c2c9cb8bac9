package dev.workitems;

import static dev.workitems.Checks.copy;
import static dev.workitems.Checks.notNull;
import static dev.workitems.Checks.text;

import java.util.List;

/**
 * The form a work item carries, e.g. an account selection ({@code FormDetails}).
 *
 * @param id the form id, may be null
 * @param name its name, may be null
 * @param title its title, may be null
 * @param subtitle its subtitle, may be null
 * @param targetUser the name of the user the form is shown to
 * @param sections its sections, never null
 */
public record Form(
        String id, String name, String title, String subtitle, String targetUser, List<FormSection> sections) {

    /** @throws InvalidRequestException if targetUser is missing or a section is null */
    public Form {
        notNull(targetUser, "form.targetUser");
        text(id, "form.id");
        text(name, "form.name");
        text(title, "form.title");
        text(subtitle, "form.subtitle");
        sections = copy(sections, "form.sections");
    }
}
