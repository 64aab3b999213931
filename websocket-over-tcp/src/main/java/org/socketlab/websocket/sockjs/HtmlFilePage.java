package org.socketlab.websocket.sockjs;

/**
 * The pages SockJS 0.3.3 fixes word for word: the htmlfile transport's prelude and the iframe
 * page that the iframe-based transports load from the server's origin. Pure.
 */
final class HtmlFilePage {

    /** Safari renders nothing of a streamed page before 1 KiB has arrived. */
    private static final int MINIMUM_PRELUDE = 1024;

    private HtmlFilePage() {
    }

    /** The htmlfile head: it hands each later {@code p("frame")} to {@code parent.<callback>}. */
    static String prelude(String callback) {
        String page = """
                <!doctype html>
                <html><head>
                  <meta http-equiv="X-UA-Compatible" content="IE=edge" />
                  <meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />
                </head><body><h2>Don't panic!</h2>
                  <script>
                    document.domain = document.domain;
                    var c = parent.%s;
                    c.start();
                    function p(d) {c.message(d);};
                    window.onload = function() {c.stop();};
                  </script>
                """.formatted(callback);
        return page + " ".repeat(Math.max(0, MINIMUM_PRELUDE - page.length())) + "\r\n\r\n";
    }

    /** {@code <prefix>/iframe.html}: loads the client library from {@code clientLibraryUrl} and bootstraps it. */
    static String iframe(String clientLibraryUrl) {
        return """
                <!DOCTYPE html>
                <html>
                <head>
                  <meta http-equiv="X-UA-Compatible" content="IE=edge" />
                  <meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />
                  <script>
                    document.domain = document.domain;
                    _sockjs_onload = function(){SockJS.bootstrap_iframe();};
                  </script>
                  <script src="%s"></script>
                </head>
                <body>
                  <h2>Don't panic!</h2>
                  <p>This is a SockJS hidden iframe. It's used for cross domain magic.</p>
                </body>
                </html>
                """.formatted(clientLibraryUrl.replace("\"", "&quot;"));
    }
}
