package org.socketlab.websocket.realtime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One event of the stock-price feed: the same bytes travel over every technique, so payload
 * bytes are comparable across them.
 *
 * @param id             1, 2, 3 … in publication order (the SSE id, the polling cursor)
 * @param symbol         ticker symbol, e.g. {@code ACME}
 * @param priceCents     price in cents (integers keep the JSON byte-stable)
 * @param publishedNanos the server clock when the event was published; clients in the same JVM
 *                       subtract it from their own {@code System.nanoTime()} to get the latency
 */
public record Tick(long id, String symbol, long priceCents, long publishedNanos) {

    private static final Pattern JSON = Pattern.compile(
            "\\{\"id\":(\\d+),\"symbol\":\"([A-Z]{1,8})\",\"price\":(\\d+)\\.(\\d\\d),\"ts\":(-?\\d+)}");

    /** {@code {"id":7,"symbol":"ACME","price":101.25,"ts":123456789}}. */
    public String toJson() {
        return "{\"id\":" + id + ",\"symbol\":\"" + symbol + "\",\"price\":" + (priceCents / 100) + '.'
                + String.format("%02d", priceCents % 100) + ",\"ts\":" + publishedNanos + '}';
    }

    public byte[] toJsonBytes() {
        return toJson().getBytes(StandardCharsets.US_ASCII);
    }

    /** Parses one tick written by {@link #toJson()}. */
    public static Tick fromJson(String json) {
        Matcher matcher = JSON.matcher(json.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a tick: " + abbreviate(json));
        }
        return fromMatch(matcher);
    }

    /** Every tick in a JSON array written by the polling routes, e.g. {@code [{…},{…}]} or {@code []}. */
    public static List<Tick> fromJsonArray(String json) {
        String body = json.strip();
        if (!body.startsWith("[") || !body.endsWith("]")) {
            throw new IllegalArgumentException("not a JSON array of ticks: " + abbreviate(json));
        }
        List<Tick> ticks = new ArrayList<>();
        Matcher matcher = JSON.matcher(body);
        while (matcher.find()) {
            ticks.add(fromMatch(matcher));
        }
        return ticks;
    }

    /** The JSON array the polling routes answer with. */
    public static String toJsonArray(List<Tick> ticks) {
        StringBuilder json = new StringBuilder(2 + ticks.size() * 64).append('[');
        for (int i = 0; i < ticks.size(); i++) {
            json.append(i == 0 ? "" : ",").append(ticks.get(i).toJson());
        }
        return json.append(']').toString();
    }

    private static Tick fromMatch(Matcher matcher) {
        long cents = Long.parseLong(matcher.group(3)) * 100 + Long.parseLong(matcher.group(4));
        return new Tick(Long.parseLong(matcher.group(1)), matcher.group(2), cents, Long.parseLong(matcher.group(5)));
    }

    private static String abbreviate(String text) {
        return '"' + (text.length() > 80 ? text.substring(0, 80) + "…" : text) + '"';
    }
}
