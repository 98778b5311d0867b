package io.realtimetrend.crawl;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Reads the ranking the way a reader sees it: a browser loads the page and its JavaScript renders the list. */
public final class BrowserRankingSource implements RankingSource {

    private static final Duration POLL = Duration.ofMillis(200);
    /** Chromium shows network errors as a page of its own rather than failing the navigation. */
    private static final String CHROME_ERROR_SCRIPT = "if (location.href.indexOf('chrome-error:') !== 0"
            + " && !document.getElementById('main-frame-error')) { return null; }"
            + " var code = document.querySelector('.error-code'); return code ? code.textContent : 'network error';";

    private final URI pageUrl;
    private final BrowserSettings settings;
    private final PageSelectors selectors;

    public BrowserRankingSource(URI pageUrl, BrowserSettings settings, PageSelectors selectors) {
        this.pageUrl = Objects.requireNonNull(pageUrl, "pageUrl is null");
        this.settings = Objects.requireNonNull(settings, "settings is null");
        this.selectors = Objects.requireNonNull(selectors, "selectors is null");
    }

    @Override
    public List<RawEntry> read() throws InvalidRankingException, TransientCrawlException {
        Path profile = createProfileDir();
        WebDriver driver = null;
        try {
            driver = startDriver(profile);
            driver.manage().timeouts().pageLoadTimeout(settings.pageLoadTimeout());
            load(driver);
            List<WebElement> keywords = awaitRendered(driver);
            return readRows(keywords);
        } finally {
            if (driver != null) {
                driver.quit();
            }
            deleteRecursively(profile);
        }
    }

    private WebDriver startDriver(Path profile) throws TransientCrawlException {
        ChromeOptions options = new ChromeOptions();
        options.addArguments(BrowserSettings.HEADLESS_ARGUMENTS);
        options.addArguments(settings.extraArguments());
        try {
            if (settings.gridUrl().isPresent()) {
                return new RemoteWebDriver(settings.gridUrl().get().toURL(), options);
            }
            options.setBinary(settings.chromiumBinary().toFile());
            options.addArguments("--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(settings.chromedriver().toFile())
                    .usingAnyFreePort()
                    .withLogOutput(java.io.OutputStream.nullOutputStream())
                    .build();
            return new ChromeDriver(service, options);
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("invalid Selenium Grid URL: " + settings.gridUrl().get(), e);
        } catch (WebDriverException e) {
            throw new TransientCrawlException("browser did not start: " + firstLine(e), e);
        }
    }

    private void load(WebDriver driver) throws TransientCrawlException {
        try {
            driver.get(pageUrl.toString());
        } catch (TimeoutException e) {
            throw new TransientCrawlException(
                    "page " + pageUrl + " did not load within " + settings.pageLoadTimeout().toSeconds() + " s", e);
        } catch (WebDriverException e) {
            throw new TransientCrawlException("page " + pageUrl + " could not be loaded: " + firstLine(e), e);
        }
        Object networkError = ((JavascriptExecutor) driver).executeScript(CHROME_ERROR_SCRIPT);
        if (networkError != null) {
            throw new TransientCrawlException("page " + pageUrl + " could not be loaded: "
                    + networkError.toString().strip(), null);
        }
    }

    /** Waits until the keyword elements exist and their number held still for one poll (rendering finished). */
    private List<WebElement> awaitRendered(WebDriver driver) throws InvalidRankingException {
        By keyword = By.cssSelector(selectors.keyword());
        int[] lastCount = {-1};
        try {
            return new WebDriverWait(driver, settings.renderTimeout(), POLL).until(d -> {
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

    private static Path createProfileDir() {
        try {
            return Files.createTempDirectory("realtime-trend-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a browser profile directory", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException ignored) {
            // a leftover profile in the temp directory is harmless
        }
    }

    private static String firstLine(Throwable e) {
        String message = Objects.toString(e.getMessage(), e.getClass().getSimpleName());
        return message.lines().findFirst().orElse(message);
    }
}
