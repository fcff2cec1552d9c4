import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Where a recording's CPU samples and allocation went, as Markdown tables: CPU by the package of
 * the first frame outside the JDK (a HashMap.get called by graphql-java counts for graphql-java),
 * and allocation by top frame (the method that allocated) and by that same package.
 *
 * <pre>java bench/JfrSummary.java recording.jfr [rows]</pre>
 *
 * When {@code recording.jfr.since} holds a time (milliseconds since the epoch, as {@code date
 * +%s%3N} writes it), events recorded before it are left out: the recording runs from the JVM's
 * start, the summary from the end of the warm-up.
 */
public class JfrSummary {

    public static void main(String[] args) throws IOException {
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        Map<String, Double> cpuByPackage = new HashMap<>();
        Map<String, Double> allocByPackage = new HashMap<>();
        Map<String, Double> allocByTopFrame = new HashMap<>();
        Map<String, Double> cpuByMethod = new HashMap<>();
        Map<String, Double> allocByMethod = new HashMap<>();
        Instant since = since(Path.of(args[0] + ".since"));
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (event.getStartTime().isBefore(since)) {
                continue;
            }
            String type = event.getEventType().getName();
            RecordedStackTrace stack = event.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            if (type.equals("jdk.ExecutionSample")) {
                cpuByPackage.merge(packageOf(firstOutsideJdk(stack)), 1.0, Double::sum);
                cpuByMethod.merge(methodOf(firstOutsideJdk(stack)), 1.0, Double::sum);
            } else if (type.equals("jdk.ObjectAllocationSample")) {
                double bytes = event.getLong("weight");
                allocByPackage.merge(packageOf(firstOutsideJdk(stack)), bytes, Double::sum);
                allocByTopFrame.merge(methodOf(stack.getFrames().get(0)), bytes, Double::sum);
                allocByMethod.merge(methodOf(firstOutsideJdk(stack)), bytes, Double::sum);
            }
        }
        print("CPU samples by package (first frame outside the JDK)", cpuByPackage, rows, v -> String.format("%.0f", v));
        print("CPU samples by method (first frame outside the JDK)", cpuByMethod, rows, v -> String.format("%.0f", v));
        print("Allocation by top frame", allocByTopFrame, rows, v -> String.format("%.1f MiB", v / 1048576));
        print("Allocation by package (first frame outside the JDK)", allocByPackage, rows,
                v -> String.format("%.1f MiB", v / 1048576));
        print("Allocation by method (first frame outside the JDK)", allocByMethod, rows,
                v -> String.format("%.1f MiB", v / 1048576));
    }

    private static Instant since(Path mark) throws IOException {
        return Files.exists(mark) ? Instant.ofEpochMilli(Long.parseLong(Files.readString(mark).trim())) : Instant.MIN;
    }

    private static RecordedFrame firstOutsideJdk(RecordedStackTrace stack) {
        for (RecordedFrame frame : stack.getFrames()) {
            String name = frame.getMethod().getType().getName();
            if (!(name.startsWith("java.") || name.startsWith("jdk.") || name.startsWith("sun."))) {
                return frame;
            }
        }
        return stack.getFrames().get(0);
    }

    /** Two components of the package (three under io.lendx, which has one per feature). */
    private static String packageOf(RecordedFrame frame) {
        String[] parts = frame.getMethod().getType().getName().split("\\.");
        int depth = parts.length > 2 && parts[0].equals("io") && parts[1].equals("lendx") ? 3 : 2;
        return String.join(".", List.of(parts).subList(0, Math.min(depth, parts.length - 1)));
    }

    private static String methodOf(RecordedFrame frame) {
        RecordedMethod method = frame.getMethod();
        return method.getType().getName() + "." + method.getName();
    }

    private static void print(String title, Map<String, Double> values, int rows, Function<Double, String> format) {
        double total = values.values().stream().mapToDouble(Double::doubleValue).sum();
        System.out.printf("%n%s (total %s)%n%n| | | share |%n|---|---:|---:|%n", title, format.apply(total));
        values.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(rows)
                .forEach(e -> System.out.printf("| `%s` | %s | %.1f %% |%n", e.getKey(), format.apply(e.getValue()),
                        100 * e.getValue() / total));
    }
}
