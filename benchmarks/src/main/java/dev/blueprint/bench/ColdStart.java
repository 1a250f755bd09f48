package dev.blueprint.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CLI cold start: CPU time (user + system, every thread) of {@code blueprint list} against a hello-world program on
 * the same JVM and flags, interleaved, in one run. CPU comes from GNU time ({@code /usr/bin/time}), or bash's
 * {@code times}, since a JVM cannot read a finished child's usage.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.blueprint.bench.ColdStart cli/target/blueprint.jar [rounds]</pre>
 */
public final class ColdStart {
    private ColdStart() {
    }

    /** Medians in seconds of CPU, and their ratio. */
    public record Result(List<String> flags, double helloSeconds, double listSeconds) {
        double ratio() {
            return listSeconds / helloSeconds;
        }
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "cli/target/blueprint.jar");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        System.out.println("| JVM flags | hello world, CPU s | blueprint list, CPU s | ratio (goal ≤ 3) |");
        System.out.println("|---|---:|---:|---:|");
        for (List<String> flags : List.of(List.<String>of(), List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"))) {
            Result result = run(jar, flags, rounds);
            System.out.printf("| %s | %.3f | %.3f | **%.1f** |%n", flags.isEmpty() ? "(none)" : String.join(" ", flags),
                    result.helloSeconds(), result.listSeconds(), result.ratio());
        }
    }

    static Result run(Path jar, List<String> flags, int rounds) throws IOException, InterruptedException {
        Path hello = helloWorld();
        List<Double> helloCpu = new ArrayList<>();
        List<Double> listCpu = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            // Interleaved, so a busy moment of the machine lands on both sides.
            helloCpu.add(cpuSeconds(command(flags, List.of("-cp", hello.toString(), "Hello"))));
            listCpu.add(cpuSeconds(command(flags, List.of("-jar", jar.toString(), "list"))));
        }
        return new Result(flags, median(helloCpu), median(listCpu));
    }

    private static List<String> command(List<String> flags, List<String> rest) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(flags);
        command.addAll(rest);
        return command;
    }

    /** A class that prints one line, compiled into a temporary folder with the JDK's compiler. */
    private static Path helloWorld() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("hello");
        Path source = Files.writeString(dir.resolve("Hello.java"),
                "public class Hello { public static void main(String[] a) { System.out.println(\"hello\"); } }");
        Process javac = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "javac").toString(), source.toString())
                .redirectErrorStream(true).start();
        javac.getInputStream().readAllBytes();
        if (javac.waitFor() != 0) {
            throw new IllegalStateException("javac failed");
        }
        return dir;
    }

    private static double cpuSeconds(List<String> command) throws IOException, InterruptedException {
        Path report = Files.createTempFile("cpu", ".txt");
        List<String> timed = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/time"))) {
            timed.addAll(List.of("/usr/bin/time", "-o", report.toString(), "-f", "%U %S"));
            timed.addAll(command);
        } else {
            timed.addAll(List.of("bash", "-c", "\"$@\" >/dev/null; times > " + report, "bash"));
            timed.addAll(command);
        }
        Process process = new ProcessBuilder(timed).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("failed: " + String.join(" ", command));
        }
        List<String> lines = Files.readAllLines(report, StandardCharsets.UTF_8);
        Files.delete(report);
        String last = lines.get(lines.size() - 1).trim();
        if (last.contains("m")) { // bash: "0m0.011s 0m0.016s", the children's line
            double total = 0;
            for (String part : last.split("\\s+")) {
                String[] minutes = part.replace("s", "").split("m");
                total += Double.parseDouble(minutes[0]) * 60 + Double.parseDouble(minutes[1]);
            }
            return total;
        }
        String[] parts = last.split("\\s+");
        return Double.parseDouble(parts[0]) + Double.parseDouble(parts[1]);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
