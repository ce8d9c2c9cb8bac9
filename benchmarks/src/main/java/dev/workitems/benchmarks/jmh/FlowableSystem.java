package dev.workitems.benchmarks.jmh;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.engine.TaskService;
import org.flowable.task.api.Task;

/**
 * Flowable 7 standalone tasks through {@code TaskService}, doing the same work as workitems: a task per work item, its
 * three approval items as task-local variables, forward as a new assignee plus a comment, approve as a variable write,
 * summary as a runtime count plus a history count. An index on the assignee column is added (Flowable's default schema
 * has none) unless {@code assigneeIndex} is false.
 */
final class FlowableSystem implements TaskSystem {
    private final ProcessEngine engine;
    private final TaskService tasks;

    /** Tasks per loading transaction: about 1,100 tasks/s here, against ~770 one by one and ~1,000 at 1,000 a chunk. */
    private static final int CHUNK = 100;

    private final String jdbcUrl;
    private final String user;
    private final String password;

    FlowableSystem(String jdbcUrl, String user, String password, String driver, boolean assigneeIndex) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        engine = ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration()
                .setJdbcUrl(jdbcUrl)
                .setJdbcUsername(user)
                .setJdbcPassword(password == null ? "" : password)
                .setJdbcDriver(driver)
                .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
                .setAsyncExecutorActivate(false)
                .buildProcessEngine();
        tasks = engine.getTaskService();
        if (assigneeIndex) {
            try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
                    Statement s = c.createStatement()) {
                s.execute("CREATE INDEX IF NOT EXISTS WI_BENCH_TASK_ASSIGNEE ON ACT_RU_TASK (ASSIGNEE_)");
            } catch (Exception e) {
                throw new IllegalStateException("cannot add the assignee index", e);
            }
        }
    }

    private static Map<String, Object> approvals() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("approval-0", "Pending");
        v.put("approval-1", "Pending");
        v.put("approval-2", "Pending");
        return v;
    }

    @Override
    public String[] create(String owner) {
        Task t = tasks.newTask();
        t.setName("Access Request");
        t.setDescription("Approve GitHub access");
        t.setAssignee(owner);
        t.setOwner("writer");
        tasks.saveTask(t);
        tasks.setVariablesLocal(t.getId(), approvals());
        return new String[] {t.getId(), "approval-0"};
    }

    @Override
    public Object get(String id) {
        return tasks.createTaskQuery().taskId(id).includeTaskLocalVariables().singleResult();
    }

    @Override
    public int page(String owner, int offset, int limit) {
        List<Task> page = tasks.createTaskQuery()
                .taskAssignee(owner)
                .orderByTaskCreateTime()
                .asc()
                .orderByTaskId()
                .asc()
                .includeTaskLocalVariables()
                .listPage(offset, limit);
        return page.size();
    }

    @Override
    public long count(String owner) {
        return tasks.createTaskQuery().taskAssignee(owner).count();
    }

    @Override
    public long[] summary(String owner) {
        long open = tasks.createTaskQuery().taskAssignee(owner).count();
        long done = engine.getHistoryService()
                .createHistoricTaskInstanceQuery()
                .taskAssignee(owner)
                .finished()
                .count();
        return new long[] {open, done};
    }

    @Override
    public void complete(String id) {
        tasks.complete(id);
    }

    @Override
    public void forward(String id, String newOwner) {
        tasks.setAssignee(id, newOwner);
        tasks.addComment(id, null, "handing over");
    }

    @Override
    public void approve(String id, String approvalId) {
        tasks.setVariableLocal(id, approvalId, "Finished");
    }

    @Override
    public void approveAll(String id) {
        Map<String, Object> all = new LinkedHashMap<>();
        approvals().keySet().forEach(k -> all.put(k, "Finished"));
        tasks.setVariablesLocal(id, all);
    }

    /** Drops the assignee index, to measure Flowable's default schema. */
    void dropAssigneeIndex() {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
                Statement s = c.createStatement()) {
            s.execute("DROP INDEX IF EXISTS WI_BENCH_TASK_ASSIGNEE");
        } catch (Exception e) {
            throw new IllegalStateException("cannot drop the assignee index", e);
        }
    }

    /**
     * Loads through the same TaskService calls as {@link #create}, {@value #CHUNK} tasks per transaction (each service
     * call joins the command that wraps the chunk).
     */
    @Override
    public void load(int n, String heavy, int owners) {
        for (int from = 0; from < n; from += CHUNK) {
            int start = from;
            int end = Math.min(n, from + CHUNK);
            engine.getManagementService().executeCommand(context -> {
                for (int i = start; i < end; i++) {
                    create(i % 2 == 0 ? heavy : "owner-" + (1 + (i / 2) % owners));
                }
                return null;
            });
        }
    }

    @Override
    public void close() {
        engine.close();
        if (jdbcUrl.startsWith("jdbc:h2:mem:")) {
            try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
                    Statement s = c.createStatement()) {
                s.execute("SHUTDOWN"); // DB_CLOSE_DELAY=-1 would keep the tables (and their memory) until the JVM ends
            } catch (Exception e) {
                throw new IllegalStateException("cannot shut H2 down", e);
            }
        }
    }
}
