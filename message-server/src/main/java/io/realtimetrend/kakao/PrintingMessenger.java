package io.realtimetrend.kakao;

import java.io.PrintStream;
import java.util.Objects;

/** {@code --dry-run}: prints the Kakao template that would be sent, one line per message, and calls no one. */
public final class PrintingMessenger implements Messenger {

    private final KakaoTemplate template;
    private final PrintStream out;

    public PrintingMessenger(KakaoTemplate template, PrintStream out) {
        this.template = Objects.requireNonNull(template, "template is null");
        this.out = Objects.requireNonNull(out, "out is null");
    }

    @Override
    public void send(String text) {
        out.println(template.render(text));
        out.flush();
    }
}
