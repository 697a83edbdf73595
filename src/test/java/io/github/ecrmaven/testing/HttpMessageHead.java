package io.github.ecrmaven.testing;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The start line and header fields of an HTTP/1.1 message, as {@link TestHttpProxy} reads and
 * rewrites them. Header names keep their case and order, and lookups ignore case.
 */
record HttpMessageHead(String startLine, List<Map.Entry<String, String>> headers) {

  /** The maximum size of a message head. A larger head is rejected as malformed. */
  static final int MAX_HEAD_BYTES = 32 * 1024;

  HttpMessageHead {
    headers = List.copyOf(headers);
  }

  /**
   * Reads a message head up to and including the empty line that ends it, and nothing more, so
   * that the body stays in {@code in}.
   *
   * @return the head, or empty if the stream ended before the first byte
   * @throws IOException if the stream ends inside the head, or the head is malformed or exceeds
   *     {@link #MAX_HEAD_BYTES}
   */
  static Optional<HttpMessageHead> read(InputStream in) throws IOException {
    List<String> lines = new ArrayList<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int total = 0;
    while (true) {
      int b = in.read();
      if (b < 0) {
        if (total == 0) {
          return Optional.empty();
        }
        throw new EOFException("Connection closed inside an HTTP message head");
      }
      if (++total > MAX_HEAD_BYTES) {
        throw new IOException("HTTP message head exceeds " + MAX_HEAD_BYTES + " bytes");
      }
      if (b != '\n') {
        line.write(b);
        continue;
      }
      String text = line.toString(StandardCharsets.ISO_8859_1);
      line.reset();
      if (text.endsWith("\r")) {
        text = text.substring(0, text.length() - 1);
      }
      if (text.isEmpty()) {
        break;
      }
      lines.add(text);
    }
    if (lines.isEmpty()) {
      throw new IOException("HTTP message head without a start line");
    }
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (String field : lines.subList(1, lines.size())) {
      int colon = field.indexOf(':');
      if (colon <= 0) {
        throw new IOException("Malformed HTTP header field '" + field + "'");
      }
      headers.add(Map.entry(field.substring(0, colon).trim(), field.substring(colon + 1).trim()));
    }
    return Optional.of(new HttpMessageHead(lines.get(0), headers));
  }

  /** Returns the value of the first header field named {@code name}, in any case. */
  Optional<String> header(String name) {
    return headers.stream()
        .filter(header -> header.getKey().equalsIgnoreCase(name))
        .map(Map.Entry::getValue)
        .findFirst();
  }

  /**
   * Returns a copy with another start line, without the header fields named in
   * {@code removedNames} (lower case), and with {@code added} appended.
   */
  HttpMessageHead rewrite(String newStartLine, List<String> removedNames,
      List<Map.Entry<String, String>> added) {
    List<Map.Entry<String, String>> kept = new ArrayList<>();
    for (Map.Entry<String, String> header : headers) {
      if (!removedNames.contains(header.getKey().toLowerCase(Locale.ROOT))) {
        kept.add(header);
      }
    }
    kept.addAll(added);
    return new HttpMessageHead(newStartLine, kept);
  }

  /** Writes the head, ending with the empty line, and flushes {@code out}. */
  void write(OutputStream out) throws IOException {
    StringBuilder text = new StringBuilder(startLine).append("\r\n");
    for (Map.Entry<String, String> header : headers) {
      text.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
    }
    text.append("\r\n");
    out.write(text.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }
}
