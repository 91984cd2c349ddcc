package io.waymark.ingest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Serves the browser tracking snippet on the main port (the collector port serves it too). */
@RestController
@Tag(name = "Collector")
class SnippetController {

  private final Snippet snippet;

  SnippetController(Snippet snippet) {
    this.snippet = snippet;
  }

  @Operation(
      summary = "The browser tracking snippet",
      description =
          "Add <script src=\"https://waymark.example.com/waymark.js\" data-key=\"wm_ingest_...\""
              + " async></script> to your pages. Open; no key needed to fetch it. See the README,"
              + " 'Tracking your site'.",
      responses =
          @ApiResponse(
              responseCode = "200",
              description = "JavaScript",
              content =
                  @Content(
                      mediaType = "application/javascript",
                      schema = @Schema(type = "string"))))
  @GetMapping(path = Snippet.PATH, produces = "application/javascript")
  ResponseEntity<byte[]> snippet() {
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(Snippet.CONTENT_TYPE))
        .header(HttpHeaders.CACHE_CONTROL, Snippet.CACHE_CONTROL)
        .body(snippet.bytes());
  }
}
