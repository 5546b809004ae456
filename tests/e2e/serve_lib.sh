# Shared by the server's end-to-end scripts (after lib.sh): start_server
# ARGS... runs `carta serve --port 0 ARGS...` in the background, waits for
# the URL it prints (10 s at most), and sets SERVER (its pid) and URL
# (without the trailing slash); the EXIT trap stops it and removes WORK.
start_server() {
  : >"$WORK/url"
  "$CARTA" serve --port 0 "$@" >"$WORK/url" 2>"$WORK/serve.err" &
  SERVER=$!
  trap 'kill "$SERVER" 2>/dev/null; rm -rf "$WORK"' EXIT
  for _ in $(seq 100); do [ -s "$WORK/url" ] && break; sleep 0.1; done
  URL="$(head -1 "$WORK/url")"
  URL="${URL%/}"
}
