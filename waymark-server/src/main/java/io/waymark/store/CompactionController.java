package io.waymark.store;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Store compaction on demand and its last and current run (admin). */
@RestController
@RequestMapping("/api/v1/admin/store/compaction")
@Tag(name = "Store", description = "The analytical store's maintenance (admin)")
@SecurityRequirement(name = "bearer")
class CompactionController {

  private final StoreCompactor compactor;

  CompactionController(StoreCompactor compactor) {
    this.compactor = compactor;
  }

  /** The run in progress (absent when none) and the last finished one (absent before the first). */
  record CompactionStatus(CompactionRun current, CompactionRun last) {}

  @Operation(
      summary = "Start a compaction of the store (admin)",
      description =
          "Rewrites the DuckDB file in (user, time) order in the background and swaps it in;"
              + " returns the run, or the one already in progress.")
  @ApiResponse(responseCode = "202", description = "the run that is now in progress")
  @PostMapping
  @ResponseStatus(HttpStatus.ACCEPTED)
  CompactionRun start() {
    return compactor.start("api");
  }

  @Operation(summary = "The current and the last compaction run (admin)")
  @GetMapping
  CompactionStatus status() {
    return new CompactionStatus(compactor.current().orElse(null), compactor.last().orElse(null));
  }
}
