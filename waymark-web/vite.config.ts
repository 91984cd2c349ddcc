import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// `npm run dev` proxies the API to a Waymark started with ./waymark run --server.port=28080.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: "dist",
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: {
      "/api": "http://127.0.0.1:28080",
      "/actuator": "http://127.0.0.1:28080",
    },
  },
  test: {
    environment: "jsdom",
    globals: true,
  },
});
