package dev.pnn.testkit.broken;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Runs one contract class on the jqwik engine through the JUnit Platform {@link EngineTestKit} and collects, per
 * property, the failure and jqwik's report (which holds the original and the shrunk sample).
 */
record ContractRun(Map<String, String> failures, Map<String, String> reports, long succeeded) {
    static ContractRun of(Class<?> contractClass) {
        EngineExecutionResults results = EngineTestKit.engine("jqwik")
                // jqwik prints its sample reports to stdout unless told to publish them as report entries
                .configurationParameter("jqwik.reporting.usejunitplatform", "true")
                .selectors(selectClass(contractClass)).execute();
        Map<String, String> failures = new LinkedHashMap<>();
        Map<String, String> reports = new LinkedHashMap<>();
        for (Event e : results.testEvents().list()) {
            String name = e.getTestDescriptor().getDisplayName();
            if (e.getType() == EventType.FINISHED) {
                TestExecutionResult r = e.getPayload(TestExecutionResult.class).orElseThrow();
                if (r.getStatus() != TestExecutionResult.Status.SUCCESSFUL)
                    failures.put(name, r.getThrowable().map(ContractRun::describe).orElse(r.toString()));
            } else if (e.getType() == EventType.REPORTING_ENTRY_PUBLISHED) {
                ReportEntry entry = e.getPayload(ReportEntry.class).orElseThrow();
                reports.merge(name, entry.getKeyValuePairs().toString(), (a, b) -> a + "\n" + b);
            }
        }
        return new ContractRun(failures, reports, results.testEvents().succeeded().count());
    }

    private static String describe(Throwable t) {
        return t.getClass().getName() + ": " + t.getMessage();
    }

    List<String> failedProperties() {
        return List.copyOf(failures.keySet());
    }
}
