package io.realtimetrend.local;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import javax.servlet.DispatcherType;
import javax.servlet.Filter;
import org.apache.oozie.servlet.CallbackServlet;
import org.apache.oozie.servlet.HostnameFilter;
import org.apache.oozie.servlet.V1AdminServlet;
import org.apache.oozie.servlet.V1JobServlet;
import org.apache.oozie.servlet.V1JobsServlet;
import org.apache.oozie.servlet.V2AdminServlet;
import org.apache.oozie.servlet.V2JobServlet;
import org.apache.oozie.servlet.V2ValidateServlet;
import org.apache.oozie.servlet.VersionServlet;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Oozie's REST API as an Oozie server serves it, on 127.0.0.1 only: Oozie 5.2.1's own servlets and filters (as its
 * {@code web.xml} maps them) under {@code /oozie} on a Jetty server, so the stock {@code oozie} CLI and
 * {@code OozieClient} work against local mode. Every request is answered by Oozie's code. The callback servlet the
 * launchers report to is here too, so nothing of Oozie listens beyond loopback (LocalOozie's own container binds to
 * the host name's address).
 *
 * <p>The port is bound by {@link #bind}, before anything else of a run starts (with the JDK alone: Jetty's logging is
 * set up with Oozie's, later), and Jetty serves Oozie's servlets on it from {@link #start}, once Oozie's services are
 * up (the servlets and filters read them when they start).
 */
public final class OozieRestServer implements AutoCloseable {

    /** The address every endpoint listens on. */
    public static final String HOST = "127.0.0.1";

    /** Where Oozie's servlets live, as on a server ({@code http://host:11000/oozie}). */
    static final String CONTEXT = "/oozie";

    /** Oozie's authentication filter: simple authentication (user.name), as oozie-site sets it. */
    private static final String AUTH_FILTER = "org.apache.oozie.servlet.AuthFilter";

    private final ServerSocketChannel channel;
    private Server server;

    private OozieRestServer(ServerSocketChannel channel) {
        this.channel = channel;
    }

    /**
     * Binds {@code port} on 127.0.0.1 ({@code 0}: any free port); nothing is served until {@link #start}.
     *
     * @throws PortInUseException when the port is taken
     */
    public static OozieRestServer bind(int port) throws IOException {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--oozie-port is 0..65535, not " + port);
        }
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
            channel.bind(new InetSocketAddress(HOST, port), 50);
        } catch (BindException e) {
            channel.close();
            throw new PortInUseException(port, e);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return new OozieRestServer(channel);
    }

    /** The port bound (the free one chosen for {@code 0}). */
    public int port() {
        return channel.socket().getLocalPort();
    }

    /** Oozie's URL as clients take it ({@code -oozie}, {@code OOZIE_URL}): {@code http://127.0.0.1:PORT/oozie}. */
    public String url() {
        return "http://" + HOST + ":" + port() + CONTEXT;
    }

    /**
     * Serves Oozie's servlets; Oozie's services must be up. {@code hadoopAuth}: the unshaded hadoop-auth jar Oozie's
     * {@code AuthFilter} was built against, needed only where this classpath's hadoop-auth is the shaded Hadoop 3
     * client's, whose filter implements a relocated {@code javax.servlet.Filter} (module oozie-yarn); empty when the
     * classpath's own serves (module oozie-local).
     */
    public synchronized void start(List<Path> hadoopAuth) throws Exception {
        if (server != null) {
            throw new IllegalStateException("already serving " + url());
        }
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("oozie-http");
        threads.setDaemon(true);
        server = new Server(threads);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost(HOST);
        connector.open(channel);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.setContextPath(CONTEXT);
        EnumSet<DispatcherType> requests = EnumSet.of(DispatcherType.REQUEST);
        context.addFilter(new FilterHolder(new HostnameFilter()), "/*", requests);
        Filter auth = authFilter(hadoopAuth);
        context.addFilter(new FilterHolder(auth), "/*", requests);
        context.addServlet(VersionServlet.class, "/versions");
        context.addServlet(V1AdminServlet.class, "/v1/admin/*");
        context.addServlet(V2AdminServlet.class, "/v2/admin/*");
        context.addServlet(V1JobsServlet.class, "/v1/jobs");
        context.addServlet(V1JobsServlet.class, "/v2/jobs");
        context.addServlet(V1JobServlet.class, "/v1/job/*");
        context.addServlet(V2JobServlet.class, "/v2/job/*");
        context.addServlet(V2ValidateServlet.class, "/v2/validate/*");
        context.addServlet(CallbackServlet.class, "/callback/*");
        server.setHandler(context);
        // the filters start here; hadoop-auth finds its authentication handler through the context class loader
        Thread thread = Thread.currentThread();
        ClassLoader caller = thread.getContextClassLoader();
        thread.setContextClassLoader(auth.getClass().getClassLoader());
        try {
            server.start();
        } finally {
            thread.setContextClassLoader(caller);
        }
    }

    /** Stops serving and frees the port. */
    @Override
    public synchronized void close() throws Exception {
        try {
            if (server != null) {
                server.stop();
            }
        } finally {
            channel.close();
        }
    }

    /**
     * Oozie's {@code AuthFilter}: from this classpath when its superclass (hadoop-auth's {@code AuthenticationFilter})
     * is a {@code javax.servlet.Filter}; otherwise loaded with {@code hadoopAuth} in a loader of its own that takes
     * only hadoop-auth's and that filter's classes from its jars, everything else (Oozie's services, the servlet API)
     * from this classpath.
     */
    private static Filter authFilter(List<Path> hadoopAuth) throws Exception {
        Class<?> stock = Class.forName(AUTH_FILTER);
        if (Filter.class.isAssignableFrom(stock)) {
            return (Filter) stock.getDeclaredConstructor().newInstance();
        }
        if (hadoopAuth.isEmpty()) {
            throw new IllegalStateException("hadoop-auth on this classpath relocates javax.servlet, so Oozie's "
                    + "AuthFilter cannot serve; give the unshaded hadoop-auth jar it was built against");
        }
        List<URL> jars = new ArrayList<>();
        for (Path jar : hadoopAuth) {
            jars.add(jar.toUri().toURL());
        }
        jars.add(stock.getProtectionDomain().getCodeSource().getLocation());
        ClassLoader loader = new AuthFilterLoader(jars.toArray(URL[]::new), OozieRestServer.class.getClassLoader());
        return (Filter) loader.loadClass(AUTH_FILTER).getDeclaredConstructor().newInstance();
    }

    /** Takes hadoop-auth's classes and Oozie's AuthFilter from its own jars first, the rest from its parent. */
    private static final class AuthFilterLoader extends URLClassLoader {

        AuthFilterLoader(URL[] jars, ClassLoader parent) {
            super(jars, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("org.apache.hadoop.security.authentication.") && !name.startsWith(AUTH_FILTER)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    loaded = findClass(name);
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }
    }

    /** The port asked for is taken: the run is refused before anything starts. */
    public static final class PortInUseException extends IOException {

        private static final long serialVersionUID = 1L;

        PortInUseException(int port, Throwable cause) {
            super("--oozie-port " + port + ": " + HOST + ":" + port + " is in use", Objects.requireNonNull(cause));
        }
    }
}
