package io.realtimetrend.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HqlScriptTest {

    @Test
    void splitsOnSemicolonsOutsideQuotesAndCommentsAndKeepsLineNumbers() {
        HqlScript script = HqlScript.parse("x.hql", """
                -- a comment; with a semicolon
                CREATE DATABASE x;

                SELECT ';', "--not a comment", `a;b` -- trailing; comment
                FROM t WHERE s = 'it\\'s';
                """);

        assertThat(script.statements()).extracting(HqlScript.Statement::line).containsExactly(2, 4);
        assertThat(script.statements().get(0).sql()).isEqualTo("CREATE DATABASE x");
        assertThat(script.statements().get(1).sql())
                .isEqualTo("SELECT ';', \"--not a comment\", `a;b` \nFROM t WHERE s = 'it\\'s'");
        assertThat(script.statements().get(1).firstLine()).isEqualTo("SELECT ';', \"--not a comment\", `a;b`");
    }
}
