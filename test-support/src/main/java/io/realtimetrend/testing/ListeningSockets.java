package io.realtimetrend.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Samples, from /proc, a process tree while it runs: its processes, and the TCP sockets in LISTEN state it holds,
 * keeping those bound to anything but loopback (127.0.0.0/8, ::1): what another machine could connect to.
 */
public final class ListeningSockets implements AutoCloseable {

    private final ProcessHandle root;
    private final Set<String> exposed = new TreeSet<>();
    private final Set<String> seen = new TreeSet<>();
    private final Set<ProcessHandle> processes = new HashSet<>();
    private final Set<String> commandLines = new TreeSet<>();
    private final Thread sampler;
    private volatile boolean running = true;

    private ListeningSockets(ProcessHandle root) {
        this.root = root;
        this.sampler = new Thread(this::sampleUntilClosed, "listening-sockets");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Starts sampling the tree of {@code root} every 300 ms. */
    public static ListeningSockets watch(ProcessHandle root) {
        return new ListeningSockets(root);
    }

    /** Listening sockets seen bound to a non-loopback address, as {@code address:port (command)}. */
    public synchronized Set<String> exposed() {
        return Set.copyOf(exposed);
    }

    /** Every process of the tree seen while sampling. */
    public synchronized Set<ProcessHandle> processes() {
        return Set.copyOf(processes);
    }

    /** The command lines of the tree's processes, as seen while they ran. */
    public synchronized Set<String> commandLines() {
        return Set.copyOf(commandLines);
    }

    /** Every listening socket seen, loopback included. */
    public synchronized Set<String> seen() {
        return Set.copyOf(seen);
    }

    private void sampleUntilClosed() {
        while (running) {
            try {
                sample();
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                // a process ended while its fds were read: the next sample sees the tree as it is then
            }
        }
    }

    private void sample() throws IOException {
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        tree.add(root);
        synchronized (this) {
            processes.addAll(tree);
            // every sample: a process that execs (a container's launch script) changes its command line
            tree.forEach(process -> process.info().commandLine().ifPresent(commandLines::add));
        }
        List<String[]> listening = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : Files.readAllLines(Path.of(table)).subList(1, Files.readAllLines(Path.of(table)).size())) {
                String[] f = line.trim().split("\\s+");
                if (f[3].equals("0A")) {
                    listening.add(new String[] {f[1], f[9]});
                }
            }
        }
        for (ProcessHandle process : tree) {
            Set<String> inodes = socketInodes(process.pid());
            String command = process.info().command().orElse("?");
            for (String[] socket : listening) {
                if (inodes.contains(socket[1])) {
                    record(socket[0], command);
                }
            }
        }
    }

    private synchronized void record(String hexAddress, String command) {
        String[] parts = hexAddress.split(":");
        String address = parts[0];
        int port = Integer.parseInt(parts[1], 16);
        boolean loopback = address.endsWith("7F") && address.length() == 8
                || address.equals("00000000000000000000000001000000")
                || address.equals("0000000000000000FFFF00000100007F");
        String text = address + ":" + port + " (" + Path.of(command).getFileName() + ")";
        seen.add(text);
        if (!loopback) {
            exposed.add(text);
        }
    }

    private static Set<String> socketInodes(long pid) {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            fds.forEach(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            });
        } catch (IOException e) {
            // the process ended
        }
        return inodes;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.join(5000);
    }
}
