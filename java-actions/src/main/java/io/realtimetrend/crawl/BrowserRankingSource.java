package io.realtimetrend.crawl;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Reads the ranking the way a reader sees it: a browser loads the page and its JavaScript renders the list. */
public final class BrowserRankingSource implements RankingSource {

    private static final Duration POLL = Duration.ofMillis(200);
    /** Bound on the connect that tells a Grid that is down (refused at once) from one that failed otherwise. */
    private static final Duration PROBE_BOUND = Duration.ofSeconds(2);
    /** Chromium shows network errors as a page of its own rather than failing the navigation. */
    private static final String CHROME_ERROR_SCRIPT = "if (location.href.indexOf('chrome-error:') !== 0"
            + " && !document.getElementById('main-frame-error')) { return null; }"
            + " var code = document.querySelector('.error-code'); return code ? code.textContent : 'network error';";
    /** The main document's HTTP status (Navigation Timing Level 2; 0 or missing where the browser lacks it). */
    private static final String STATUS_SCRIPT = "var nav = performance.getEntriesByType('navigation')[0];"
            + " return nav && nav.responseStatus ? nav.responseStatus : null;";

    private final URI pageUrl;
    private final BrowserSettings settings;
    private final PageSelectors selectors;

    public BrowserRankingSource(URI pageUrl, BrowserSettings settings, PageSelectors selectors) {
        this.pageUrl = Objects.requireNonNull(pageUrl, "pageUrl is null");
        this.settings = Objects.requireNonNull(settings, "settings is null");
        this.selectors = Objects.requireNonNull(selectors, "selectors is null");
    }

    @Override
    public List<RawEntry> read(Deadline deadline) throws InvalidRankingException, TransientCrawlException {
        if (deadline.expired()) {
            throw deadline.exceeded("page " + pageUrl, null);
        }
        Alarm alarm = new Alarm(deadline);
        BrowserSession session = null;
        try {
            session = startBrowser(deadline);
            WebDriver driver = session.driver();
            load(driver, deadline);
            return readRows(awaitRendered(driver, deadline));
        } catch (TransientCrawlException | InvalidRankingException | RuntimeException e) {
            // whatever a call stuck at the deadline reported (interrupted, timed out, not rendered), the deadline ended it:
            // the Grid (or local driver) while no browser was started yet, else the page
            if (deadline.expired()) {
                throw deadline.exceeded(session == null ? browserName() : "page " + pageUrl, e);
            }
            if (e instanceof WebDriverException) {
                throw new TransientCrawlException("page " + pageUrl + " could not be read: " + firstLine(e), e);
            }
            throw e;
        } finally {
            alarm.close(); // first: closing the session waits, which an interrupt would cut short
            if (session != null) {
                session.close();
            }
        }
    }

    private BrowserSession startBrowser(Deadline deadline) throws TransientCrawlException {
        try {
            return BrowserSession.start(settings, deadline);
        } catch (WebDriverException e) {
            if (settings.gridUrl().isPresent() && refusesConnections(settings.gridUrl().get(), deadline.cap(PROBE_BOUND))) {
                throw new TransientCrawlException(browserName() + " refused the connection (is the Grid up?)", e);
            }
            throw new TransientCrawlException(browserName() + " did not start a browser: " + firstLine(e), e);
        }
    }

    /** What starts the browser: the Grid {@code seleniumUrl} names, or the local chromedriver. */
    private String browserName() {
        return settings.gridUrl().map(grid -> "Selenium Grid " + grid).orElse("local chromedriver");
    }

    /**
     * Whether nothing listens at the Grid's address, by a connect of its own: Selenium reports a refused connection
     * only as a session that answered "500 Connection error", with no cause to tell it by.
     */
    private static boolean refusesConnections(URI grid, Duration bound) {
        int port = grid.getPort() != -1 ? grid.getPort() : "https".equals(grid.getScheme()) ? 443 : 80;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(grid.getHost(), port), (int) Math.max(1, bound.toMillis()));
            return false;
        } catch (ConnectException refused) {
            return true;
        } catch (IOException other) {
            return false; // a timeout or an unknown host: not known to be down
        }
    }

    private void load(WebDriver driver, Deadline deadline) throws InvalidRankingException, TransientCrawlException {
        Duration bound = deadline.cap(settings.pageLoadTimeout());
        driver.manage().timeouts().pageLoadTimeout(bound);
        try {
            driver.get(pageUrl.toString());
        } catch (TimeoutException e) {
            throw new TransientCrawlException(
                    "page " + pageUrl + " did not load within " + bound.toSeconds() + " s", e);
        } catch (WebDriverException e) {
            throw new TransientCrawlException("page " + pageUrl + " could not be loaded: " + firstLine(e), e);
        }
        JavascriptExecutor js = (JavascriptExecutor) driver;
        Object status = js.executeScript(STATUS_SCRIPT);
        if (status instanceof Number code && code.intValue() >= 400) {
            String message = "page " + pageUrl + " answered HTTP " + code.intValue();
            if (code.intValue() >= 500 || code.intValue() == 429) {
                throw new TransientCrawlException(message, null);
            }
            throw new InvalidRankingException(message);
        }
        Object networkError = js.executeScript(CHROME_ERROR_SCRIPT);
        if (networkError != null) {
            throw new TransientCrawlException("page " + pageUrl + " could not be loaded: "
                    + networkError.toString().strip(), null);
        }
    }

    /** Waits until the keyword elements exist and their number held still for one poll (rendering finished). */
    private List<WebElement> awaitRendered(WebDriver driver, Deadline deadline) throws InvalidRankingException {
        By keyword = By.cssSelector(selectors.keyword());
        int[] lastCount = {-1};
        try {
            return new WebDriverWait(driver, deadline.cap(settings.renderTimeout()), POLL).until(d -> {
                List<WebElement> found = d.findElements(keyword);
                boolean stable = !found.isEmpty() && found.size() == lastCount[0];
                lastCount[0] = found.size();
                return stable ? found : null;
            });
        } catch (TimeoutException e) {
            throw new InvalidRankingException("ranking not rendered within " + settings.renderTimeout().toSeconds()
                    + " s: nothing matches keyword selector '" + selectors.keyword() + "' on " + pageUrl
                    + " (page layout changed?)");
        }
    }

    private List<RawEntry> readRows(List<WebElement> keywords) throws InvalidRankingException {
        List<RawEntry> rows = new ArrayList<>(keywords.size());
        for (int i = 0; i < keywords.size(); i++) {
            WebElement keyword = keywords.get(i);
            WebElement row = keyword.findElement(By.xpath("./.."));
            List<WebElement> rank = row.findElements(By.cssSelector(selectors.rank()));
            if (rank.isEmpty()) {
                throw new InvalidRankingException("row " + (i + 1) + " ('" + keyword.getText()
                        + "'): nothing matches rank selector '" + selectors.rank() + "' (page layout changed?)");
            }
            rows.add(new RawEntry(textOf(rank.get(0)), textOf(keyword), indicatorOf(row)));
        }
        return rows;
    }

    private String indicatorOf(SearchContext row) {
        return row.findElements(By.cssSelector(selectors.state())).stream()
                .findFirst()
                .map(state -> Objects.toString(state.getAttribute("class"), "") + " " + textOf(state))
                .orElse("");
    }

    /** The element's text content: getText() would drop text that CSS hides or truncates. */
    private static String textOf(WebElement element) {
        return Objects.toString(element.getDomProperty("textContent"), "");
    }

    /**
     * Interrupts the reading thread when the deadline passes: every WebDriver call is an interruptible HTTP
     * exchange with the driver, and the wait between polls a sleep, so whatever the browser is stuck in ends.
     */
    private static final class Alarm implements AutoCloseable {

        private final Thread reader = Thread.currentThread();
        private final Thread timer;
        private boolean done; // guarded by this
        private boolean rang; // guarded by this

        Alarm(Deadline deadline) {
            timer = new Thread(() -> {
                try {
                    TimeUnit.NANOSECONDS.sleep(deadline.remaining().toNanos());
                } catch (InterruptedException e) {
                    return; // the read ended in time
                }
                ring();
            }, "crawl-deadline");
            timer.setDaemon(true);
            timer.start();
        }

        private synchronized void ring() {
            if (!done) {
                rang = true;
                reader.interrupt();
            }
        }

        /** Stops the timer and clears the interrupt it caused, so closing the browser can wait for it. */
        @Override
        public void close() {
            boolean interrupted;
            synchronized (this) {
                done = true;
                interrupted = rang;
            }
            timer.interrupt();
            if (interrupted) {
                Thread.interrupted();
            }
        }
    }

    private static String firstLine(Throwable e) {
        String message = Objects.toString(e.getMessage(), e.getClass().getSimpleName());
        return message.lines().findFirst().orElse(message);
    }
}
