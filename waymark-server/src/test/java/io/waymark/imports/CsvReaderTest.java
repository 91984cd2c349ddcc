package io.waymark.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

  private static List<CsvReader.Record> read(String csv, int maxChars) throws IOException {
    CsvReader r = new CsvReader(new StringReader(csv), maxChars);
    List<CsvReader.Record> out = new ArrayList<>();
    for (CsvReader.Record rec = r.next(); rec != null; rec = r.next()) {
      out.add(rec);
    }
    return out;
  }

  private static List<CsvReader.Record> read(String csv) throws IOException {
    return read(csv, 1000);
  }

  @Test
  void readsPlainFieldsWithCrlfAndLfLineEnds() throws IOException {
    List<CsvReader.Record> r = read("a,b,c\r\n1,,3\n");
    assertThat(r)
        .extracting(CsvReader.Record::fields)
        .containsExactly(List.of("a", "b", "c"), List.of("1", "", "3"));
    assertThat(r).extracting(CsvReader.Record::line).containsExactly(1L, 2L);
    assertThat(r.get(0).raw()).isEqualTo("a,b,c");
  }

  @Test
  void readsQuotedFieldsWithCommasDoubledQuotesAndLineBreaks() throws IOException {
    List<CsvReader.Record> r = read("\"a, b\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\nnext,x\r\n");
    assertThat(r.get(0).fields()).containsExactly("a, b", "say \"hi\"", "two\r\nlines");
    assertThat(r.get(1).line()).isEqualTo(3);
    assertThat(r.get(1).fields()).containsExactly("next", "x");
  }

  @Test
  void readsTheLastRecordWithoutALineEnd() throws IOException {
    assertThat(read("a,b\n1,2"))
        .extracting(CsvReader.Record::fields)
        .containsExactly(List.of("a", "b"), List.of("1", "2"));
  }

  @Test
  void reportsAQuoteInsideAnUnquotedFieldAndGoesOnWithTheNextLine() throws IOException {
    List<CsvReader.Record> r = read("a,b\"c,d\nok,1\n");
    assertThat(r.get(0).problem()).contains("a quote inside unquoted field 2");
    assertThat(r.get(0).raw()).isEqualTo("a,b\"c,d");
    assertThat(r.get(1).fields()).containsExactly("ok", "1");
  }

  @Test
  void reportsTextAfterAClosingQuote() throws IOException {
    assertThat(read("\"a\"b,c\n").get(0).problem())
        .isEqualTo("text after the closing quote of field 1");
  }

  @Test
  void reportsAQuoteThatIsNeverClosed() throws IOException {
    CsvReader.Record r = read("x,\"open\nmore\n").get(0);
    assertThat(r.problem()).isEqualTo("a quoted field opened on line 1 is never closed");
    assertThat(r.fields()).isEmpty();
  }

  @Test
  void cutsARecordLongerThanTheLimitAndResumesAtTheNextLine() throws IOException {
    List<CsvReader.Record> r = read("\"" + "y".repeat(50) + "\n1,2\n", 20);
    assertThat(r.get(0).problem()).contains("longer than 20 characters");
    assertThat(r.get(1).fields()).containsExactly("1", "2");
  }

  @Test
  void anEmptyLineIsARecordWithNoText() throws IOException {
    List<CsvReader.Record> r = read("a\n\nb\n");
    assertThat(r).extracting(CsvReader.Record::raw).containsExactly("a", "", "b");
    assertThat(r.get(2).line()).isEqualTo(3);
  }
}
