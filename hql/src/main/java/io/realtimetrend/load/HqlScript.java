package io.realtimetrend.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An {@code hql/} file split into statements the way Beeline splits it: on {@code ;} outside quotes and comments.
 * Hive (load) runs these statements; spark-job's tests run the very same ones on Spark SQL, through this module's
 * {@code script} jar (this class and the {@code .hql} files only, without Hive).
 *
 * @param name       the file's name, for messages
 * @param statements the statements, in order, without their terminating {@code ;}
 */
public record HqlScript(String name, List<Statement> statements) {

    /** One statement and the line it starts on. */
    public record Statement(int line, String sql) {

        /** The statement's first line, for messages. */
        public String firstLine() {
            return sql.lines().findFirst().orElse("").strip();
        }
    }

    public HqlScript {
        Objects.requireNonNull(name, "name is null");
        statements = List.copyOf(statements);
    }

    /** Splits {@code text}; {@code --} comments are dropped, quoted {@code ;} and {@code --} kept. */
    public static HqlScript parse(String name, String text) {
        List<Statement> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int line = 1;
        int startLine = -1;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote == 0 && c == '-' && i + 1 < text.length() && text.charAt(i + 1) == '-') {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
                if (i < text.length()) {
                    current.append('\n');
                    line++;
                }
                continue;
            }
            if (quote == 0 && c == ';') {
                add(statements, current, startLine);
                current.setLength(0);
                startLine = -1;
                continue;
            }
            if (quote != 0 && c == '\\' && i + 1 < text.length()) {
                current.append(c).append(text.charAt(++i));
                continue;
            }
            if (c == '\'' || c == '"' || c == '`') {
                quote = quote == 0 ? c : (quote == c ? 0 : quote);
            }
            if (startLine < 0 && !Character.isWhitespace(c)) {
                startLine = line;
            }
            if (c == '\n') {
                line++;
            }
            current.append(c);
        }
        add(statements, current, startLine);
        return new HqlScript(name, statements);
    }

    private static void add(List<Statement> statements, StringBuilder sql, int line) {
        String text = sql.toString().strip();
        if (!text.isEmpty()) {
            statements.add(new Statement(line, text));
        }
    }
}
