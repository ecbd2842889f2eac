import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.switchboard.agent.entity.ProcessGroup;

/**
 * Many programs stopped one by one but at once, as when a master ends many sessions together (a reconciliation, a
 * client storm of ends), on a machine with many processes: the wall time and the CPU time of this JVM for the stops.
 * <p>
 * {@code java -cp agent-war/target/classes bench/ConcurrentStops.java [programs] [other processes]} (defaults 80 and
 * 800). The programs and the other processes are {@code sleep}s started here, and stopped before it ends.
 */
public class ConcurrentStops {

    public static void main(String[] args) throws Exception {
        int programs = args.length > 0 ? Integer.parseInt(args[0]) : 80;
        int others = args.length > 1 ? Integer.parseInt(args[1]) : 800;
        List<Process> population = new ArrayList<>();
        List<Process> stopped = new ArrayList<>();
        ExecutorService stops = Executors.newFixedThreadPool(programs);
        com.sun.management.OperatingSystemMXBean os =
                ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class);
        try {
            for (int i = 0; i < others; i++) {
                population.add(new ProcessBuilder("sleep", "600").start());
            }
            for (int round = 1; round <= 5; round++) {
                stopped.clear();
                for (int i = 0; i < programs; i++) {
                    stopped.add(new ProcessBuilder("sleep", "600").start());
                }
                long cpuBefore = os.getProcessCpuTime();
                long began = System.nanoTime();
                List<Future<?>> done = new ArrayList<>();
                for (Process program : stopped) {
                    done.add(stops.submit(() -> ProcessGroup.stop(program.toHandle(), Duration.ofSeconds(5))));
                }
                for (Future<?> stop : done) {
                    stop.get();
                }
                System.out.printf("round %d: %d programs stopped at once among %d processes in %d ms, %d ms of CPU%n",
                        round, programs, others + programs, (System.nanoTime() - began) / 1_000_000,
                        (os.getProcessCpuTime() - cpuBefore) / 1_000_000);
            }
        } finally {
            stops.shutdownNow();
            stopped.forEach(Process::destroyForcibly);
            population.forEach(Process::destroyForcibly);
        }
    }
}
