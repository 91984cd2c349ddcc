package io.waymark.store.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TsvTest {

  @Test
  void writesWhatItReadsBackIncludingEscapesNullsAndAllOfUnicode() {
    String tricky = "tab\there\nnew \\ back 'quote' \0 Zürich 東京 😀";
    Tsv.Writer w = new Tsv.Writer(2).str(tricky).str(null).num(-7L).dbl(2.5).end();
    w.str("").num((Long) null).num(Integer.valueOf(3)).dbl(null).end();

    List<String[]> rows = Tsv.parse(w.toString());

    assertThat(rows).hasSize(2);
    assertThat(rows.get(0)).containsExactly(tricky, null, "-7", "2.5");
    assertThat(rows.get(1)).containsExactly("", null, "3", null);
  }

  @Test
  void replacesALoneSurrogateAsJavasOwnEncoderDoes() {
    String lone = "a\uD800b";
    Tsv.Writer w = new Tsv.Writer(1).str(lone).end();
    assertThat(Tsv.parse(w.toString()).get(0)[0]).isEqualTo("a?b");
  }

  @Test
  void quotesLiteralsSoNoValueCanEndTheString() {
    assertThat(Sql.str("it's a \\ test")).isEqualTo("'it\\'s a \\\\ test'");
    assertThat(Sql.prefixEnd("a_")).isEqualTo("'a_\\xFF'");
  }
}
