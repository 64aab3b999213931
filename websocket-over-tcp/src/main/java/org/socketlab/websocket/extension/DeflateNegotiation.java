package org.socketlab.websocket.extension;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import org.socketlab.websocket.extension.ExtensionElement.Parameter;
import org.socketlab.websocket.handshake.ExtensionNegotiator;
import org.socketlab.websocket.handshake.HandshakeException;
import org.socketlab.websocket.http.HttpStatus;

/**
 * Negotiates permessage-deflate (RFC 7692 §7.1), both sides.
 *
 * <p>Server: the client's offers are tried in the client's order and the first one this server can
 * honour is accepted (§5.1); an offer with an unknown, duplicated or out-of-range parameter is
 * declined, not failed (§7.1). One limit comes from {@code java.util.zip}: its compressor always
 * uses a 32 KiB window, so an offer asking for {@code server_max_window_bits} below 15 is declined
 * rather than claimed. Receiving is not limited: an {@code Inflater} reads any window up to 15 bits.
 *
 * <p>Client: the offer carries {@code client_max_window_bits} without a value (as browsers do), so
 * a server may limit our compressor's window (§7.1.2.2). {@code java.util.zip} cannot compress with
 * a window below 15 bits, so under such a limit the client keeps it by sending its messages
 * uncompressed (RSV1 clear, which §6 allows message by message) while still inflating the server's.
 */
public final class DeflateNegotiation {

    public static final String NAME = "permessage-deflate";

    private static final String SERVER_NO_CONTEXT_TAKEOVER = "server_no_context_takeover";
    private static final String CLIENT_NO_CONTEXT_TAKEOVER = "client_no_context_takeover";
    private static final String SERVER_MAX_WINDOW_BITS = "server_max_window_bits";
    private static final String CLIENT_MAX_WINDOW_BITS = "client_max_window_bits";

    /** A server's decision on one offer: the response element and the parameters it agrees to. */
    public record Agreement(String responseElement, DeflateParameters parameters) {
    }

    private DeflateNegotiation() {
    }

    /** A server-side {@link ExtensionNegotiator} accepting the first acceptable permessage-deflate offer. */
    public static Negotiator serverNegotiator(DeflateConfig config) {
        return new Negotiator(config);
    }

    /**
     * The server's negotiator, which remembers its {@link DeflateConfig} so that the connection
     * built after the handshake compresses with the same level and threshold.
     */
    public record Negotiator(DeflateConfig config) implements ExtensionNegotiator {

        public Negotiator {
            java.util.Objects.requireNonNull(config, "config");
        }

        @Override
        public List<String> negotiate(List<String> offered) {
            for (String element : offered) {
                Optional<Agreement> agreement = accept(element, config);
                if (agreement.isPresent()) {
                    return List.of(agreement.get().responseElement());
                }
            }
            return List.of();
        }
    }

    /**
     * The server's answer to one offer element: empty when the element is not permessage-deflate
     * or must be declined (§7.1: unknown parameter, invalid value, duplicate, unsupported).
     */
    public static Optional<Agreement> accept(String offerElement, DeflateConfig config) {
        Optional<ExtensionElement> parsed = ExtensionElement.parse(offerElement);
        if (parsed.isEmpty() || !parsed.get().name().equals(NAME) || hasDuplicates(parsed.get())) {
            return Optional.empty();
        }
        boolean serverNoTakeover = config.serverNoContextTakeover();
        boolean clientNoTakeover = config.clientNoContextTakeover();
        Integer serverWindow = null;
        for (Parameter parameter : parsed.get().parameters()) {
            switch (parameter.name()) {
                case SERVER_NO_CONTEXT_TAKEOVER, CLIENT_NO_CONTEXT_TAKEOVER -> {
                    if (parameter.value().isPresent()) {
                        return Optional.empty(); // §7.1.1: these take no value
                    }
                    if (parameter.name().equals(SERVER_NO_CONTEXT_TAKEOVER)) {
                        serverNoTakeover = true; // §7.1.1.1: the server MUST then include it
                    }
                }
                case SERVER_MAX_WINDOW_BITS -> {
                    Optional<Integer> bits = windowBits(parameter.value());
                    if (bits.isEmpty() || bits.get() < DeflateParameters.MAX_WINDOW_BITS) {
                        return Optional.empty(); // invalid, or a window java.util.zip cannot keep to
                    }
                    serverWindow = bits.get();
                }
                case CLIENT_MAX_WINDOW_BITS -> {
                    // §7.1.2.2: with or without a value; any client window is one we can inflate.
                    if (parameter.value().isPresent() && windowBits(parameter.value()).isEmpty()) {
                        return Optional.empty();
                    }
                }
                default -> {
                    return Optional.empty(); // §7.1: a parameter not defined for an offer
                }
            }
        }
        StringJoiner response = new StringJoiner("; ").add(NAME);
        if (serverNoTakeover) {
            response.add(SERVER_NO_CONTEXT_TAKEOVER);
        }
        if (clientNoTakeover) {
            response.add(CLIENT_NO_CONTEXT_TAKEOVER);
        }
        if (serverWindow != null) {
            response.add(SERVER_MAX_WINDOW_BITS + "=" + serverWindow);
        }
        return Optional.of(new Agreement(response.toString(), new DeflateParameters(serverNoTakeover,
                clientNoTakeover, DeflateParameters.MAX_WINDOW_BITS, DeflateParameters.MAX_WINDOW_BITS)));
    }

    /**
     * The client's offer: {@code permessage-deflate} with the takeover wishes of {@code config} and
     * {@code client_max_window_bits} (§7.1.2.2: we accept any limit the server names, see above).
     */
    public static String offer(DeflateConfig config) {
        StringJoiner offer = new StringJoiner("; ").add(NAME).add(CLIENT_MAX_WINDOW_BITS);
        if (config.serverNoContextTakeover()) {
            offer.add(SERVER_NO_CONTEXT_TAKEOVER);
        }
        if (config.clientNoContextTakeover()) {
            offer.add(CLIENT_NO_CONTEXT_TAKEOVER);
        }
        return offer.toString();
    }

    /**
     * The client's check of the server's response element (§7.1): the agreed parameters, or a
     * {@link HandshakeException} (502, the response is invalid) that fails the connection.
     */
    public static DeflateParameters acceptResponse(String responseElement, DeflateConfig offered)
            throws HandshakeException {
        ExtensionElement element = ExtensionElement.parse(responseElement)
                .filter(parsed -> parsed.name().equals(NAME))
                .orElseThrow(() -> invalid("is not a well-formed permessage-deflate element", responseElement));
        if (hasDuplicates(element)) {
            throw invalid("names a parameter twice", responseElement);
        }
        boolean serverNoTakeover = false;
        boolean clientNoTakeover = offered.clientNoContextTakeover();
        int serverWindow = DeflateParameters.MAX_WINDOW_BITS;
        int clientWindow = DeflateParameters.MAX_WINDOW_BITS;
        for (Parameter parameter : element.parameters()) {
            switch (parameter.name()) {
                case SERVER_NO_CONTEXT_TAKEOVER, CLIENT_NO_CONTEXT_TAKEOVER -> {
                    if (parameter.value().isPresent()) {
                        throw invalid("gives " + parameter.name() + " a value", responseElement);
                    }
                    if (parameter.name().equals(SERVER_NO_CONTEXT_TAKEOVER)) {
                        serverNoTakeover = true;
                    } else {
                        clientNoTakeover = true;
                    }
                }
                case SERVER_MAX_WINDOW_BITS -> serverWindow = windowBits(parameter.value())
                        .orElseThrow(() -> invalid("has server_max_window_bits outside 8..15", responseElement));
                // §7.1.2.2: the response must give a value (8..15); below 15 we send uncompressed.
                case CLIENT_MAX_WINDOW_BITS -> clientWindow = windowBits(parameter.value())
                        .orElseThrow(() -> invalid("has client_max_window_bits without a value in 8..15", responseElement));
                default -> throw invalid("has the unknown parameter " + parameter.name(), responseElement);
            }
        }
        if (offered.serverNoContextTakeover() && !serverNoTakeover) {
            throw invalid("drops server_no_context_takeover, which we asked for (§7.1.1.1)", responseElement);
        }
        return new DeflateParameters(serverNoTakeover, clientNoTakeover, serverWindow, clientWindow);
    }

    /**
     * The parameters in a response element this server wrote itself (from {@link #accept}), e.g.
     * the one a {@code HandshakeAccepted} carries; empty when the element is not permessage-deflate.
     */
    public static Optional<DeflateParameters> agreed(String responseElement) {
        try {
            return Optional.of(acceptResponse(responseElement, DeflateConfig.defaults().withServerNoContextTakeover(false)));
        } catch (HandshakeException notDeflate) {
            return Optional.empty();
        }
    }

    /** §7.1.2: a decimal integer 8..15 without leading zeros (a quoted value was unquoted already). */
    private static Optional<Integer> windowBits(Optional<String> value) {
        if (value.isEmpty() || !value.get().matches("[1-9][0-9]?")) {
            return Optional.empty();
        }
        int bits = Integer.parseInt(value.get());
        return bits >= DeflateParameters.MIN_WINDOW_BITS && bits <= DeflateParameters.MAX_WINDOW_BITS
                ? Optional.of(bits) : Optional.empty();
    }

    private static boolean hasDuplicates(ExtensionElement element) {
        Set<String> names = new HashSet<>();
        for (Parameter parameter : element.parameters()) {
            if (!names.add(parameter.name())) {
                return true; // §7.1: multiple parameters with the same name
            }
        }
        return false;
    }

    private static HandshakeException invalid(String problem, String element) {
        return new HandshakeException(HttpStatus.BAD_GATEWAY, "the server's permessage-deflate response \""
                + element + "\" " + problem + " (RFC 7692 §7.1)");
    }
}
