package org.socketlab.websocket.chat;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The chat page as a test sees it: what is on the screen, read through the DOM, waited for explicitly. */
final class ChatPage {

    static final Duration WAIT = Duration.ofSeconds(20);

    private final WebDriver driver;
    private final String name;

    ChatPage(WebDriver driver, String name) {
        this.driver = driver;
        this.name = name;
    }

    /** Opens the page and lets it join {@code room} as {@code nick} by itself (URL parameters). */
    ChatPage open(String baseUrl, String room, String nick) {
        driver.get(baseUrl + "?room=" + room + "&nick=" + nick);
        await("the page to join #" + room, d -> text("room-title").startsWith("#" + room));
        return this;
    }

    String status() {
        return driver.findElement(By.id("status")).getDomAttribute("data-state");
    }

    String text(String id) {
        return driver.findElement(By.id(id)).getDomProperty("textContent");
    }

    List<String> presence() {
        return textsOf("#presence li");
    }

    List<String> messageTexts() {
        return textsOf("#messages .message .text");
    }

    List<String> systemLines() {
        return textsOf("#messages .system");
    }

    private List<String> textsOf(String selector) {
        return driver.findElements(By.cssSelector(selector)).stream()
                .map(element -> element.getDomProperty("textContent")).toList();
    }

    /** Types into the composer (each key fires an input event, so a typing notice goes out). */
    void type(String text) {
        driver.findElement(By.id("text")).sendKeys(text);
    }

    void pressEnter() {
        driver.findElement(By.id("text")).sendKeys(Keys.ENTER);
    }

    /** Types a whole message and sends it. */
    void say(String text) {
        await("the composer to be enabled", d -> d.findElement(By.id("send")).isEnabled());
        WebElement input = driver.findElement(By.id("text"));
        // Set the value directly: sendKeys of a long or symbol-heavy text is slow and layout-dependent.
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1];", input, text);
        input.sendKeys(Keys.ENTER);
    }

    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    Object asyncScript(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
    }

    /** Waits until {@code condition} holds; the failure names what this page was waiting for. */
    <T> T await(String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT)
                // a list re-rendered between finding an element and reading it: look again
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .withMessage(() -> name + " waited " + WAIT.toSeconds() + " s for " + what + "; status="
                        + status() + ", presence=" + presence() + ", messages=" + messageTexts()
                        + ", system=" + systemLines())
                .until(condition);
    }

    WebDriver driver() {
        return driver;
    }
}
