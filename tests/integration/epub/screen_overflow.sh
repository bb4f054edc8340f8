#!/bin/bash
# Renders every content document of an EPUB in headless Chromium at a phone's
# width (360 CSS pixels) at the reader's normal text size and at 200 %, and lists
# every element or run of text that reaches past the screen's right or left edge.
#
# usage: screen_overflow.sh BOOK.epub WORK_DIR [--shots]
# Prints one line per offending element ("file size: <tag> text...") and a last line
#   overflow: N files / E elements at 100 %, M files / F elements at 200 % (D documents)
# Exits 0 when nothing overflows, 1 when something does, 2 on a usage or tool
# error, 77 (the test's skip code) when Chromium is not installed.
# --shots also writes WORK_DIR/shots/<file>.png (360 px wide) to look at.
set -u
epub=${1:?usage: screen_overflow.sh BOOK.epub WORK_DIR [--shots]}
work=${2:?usage: screen_overflow.sh BOOK.epub WORK_DIR [--shots]}
shots=${3:-}
chromium=${CHROMIUM:-$(command -v chromium || true)}
if [ -z "$chromium" ]; then
  echo "SKIP: Chromium is not installed (Debian package chromium; scripts/setup.sh test installs it)"
  exit 77
fi
rm -rf "$work" && mkdir -p "$work/book" "$work/profile" || exit 2
unzip -q "$epub" -d "$work/book" || { echo "cannot unpack $epub"; exit 2; }

# The probe measures after every picture has loaded: each element's box and each
# text run's line boxes, at the normal text size and again with the root's text
# size doubled (what a reader's type size setting does to a book whose sizes are
# all in em). It writes its findings into the document for --dump-dom.
probe='<script>//<![CDATA[
window.addEventListener("load", function () {
  var out = [], width = document.documentElement.clientWidth;
  function label(e) { return "<" + e.localName + "> " + (e.textContent || e.getAttribute("src") || "").replace(/\s+/g, " ").slice(0, 70); }
  function past(r) { return r.width > 0 && (r.right > width + 0.5 || r.left < -0.5); }
  function measure(size) {
    var seen = new Set();
    var all = document.body.getElementsByTagName("*");
    for (var i = 0; i < all.length; i++) if (past(all[i].getBoundingClientRect())) seen.add(all[i]);
    var walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT), n, range = document.createRange();
    while ((n = walk.nextNode())) {
      range.selectNodeContents(n);
      var rects = range.getClientRects();
      for (var j = 0; j < rects.length; j++) if (past(rects[j])) { seen.add(n.parentElement); break; }
    }
    seen.forEach(function (e) { out.push(size + " " + label(e)); });
  }
  measure("100%");
  document.documentElement.style.fontSize = "200%";
  measure("200%");
  parent.postMessage("width " + width + "\n" + out.join("\n") + "\nend-of-probe", "*");
});
//]]></script>'

flags=(--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --user-data-dir="$work/profile" --window-size=360,800
       --hide-scrollbars)
files=0; f100=0; f200=0; e100=0; e200=0
opf=$(find "$work/book" -name '*.opf' | head -1)
# Content documents in reading order: every .xhtml/.html of the container but the nav.
while IFS= read -r doc; do
  case "$doc" in */nav.xhtml) continue ;; esac
  files=$((files + 1))
  rel=${doc#"$work/book/"}
  probed="${doc%.*}.probe.xhtml"
  # The probe's text comes through the environment: awk -v would read its escapes.
  PROBE=$probe awk '!done && (i = index($0, "</body>")) { $0 = substr($0, 1, i - 1) ENVIRON["PROBE"] substr($0, i); done = 1 } { print }' \
    "$doc" > "$probed"
  frame="${doc%/*}/overflow-frame.html"
  cat > "$frame" <<FRAME
<!DOCTYPE html><html><body style="margin:0">
<iframe src="$(basename "$probed")" style="width:360px;height:800px;border:0;display:block"></iframe>
<script>window.addEventListener("message", function (e) {
  var p = document.createElement("pre"); p.id = "overflow-probe"; p.textContent = e.data; document.body.appendChild(p);
});</script></body></html>
FRAME
  dom=$("$chromium" "${flags[@]}" --virtual-time-budget=5000 --dump-dom "file://$frame" 2>/dev/null)
  result=$(printf '%s\n' "$dom" | sed -n '/<pre id="overflow-probe">/,/end-of-probe/p')
  if ! printf '%s' "$result" | grep -q 'end-of-probe'; then
    echo "$rel: the probe did not run (Chromium gave no measurement)"; exit 2
  fi
  width=$(printf '%s\n' "$result" | sed -n 's/.*<pre id="overflow-probe">width \([0-9]*\).*/\1/p')
  if [ "$width" != 360 ]; then
    echo "$rel: the viewport is $width px wide, not 360"; exit 2
  fi
  hits100=$(printf '%s\n' "$result" | grep -c '^100% ')
  hits200=$(printf '%s\n' "$result" | grep -c '^200% ')
  printf '%s\n' "$result" | grep -E '^(100|200)% ' | sed "s|^|$rel |"
  [ "$hits100" -gt 0 ] && f100=$((f100 + 1)); e100=$((e100 + hits100))
  [ "$hits200" -gt 0 ] && f200=$((f200 + 1)); e200=$((e200 + hits200))
  if [ "$shots" = --shots ]; then
    mkdir -p "$work/shots"
    sed -i 's|height:800px|height:1600px|; s|\.probe\.xhtml|.xhtml|' "$frame"
    "$chromium" "${flags[@]}" --window-size=500,1600 --virtual-time-budget=5000 \
      --screenshot="$work/shots/$(basename "${doc%.*}").png" "file://$frame" >/dev/null 2>&1
  fi
  rm -f "$probed" "$frame"
done < <(find "$work/book" \( -name '*.xhtml' -o -name '*.html' \) ! -name '*.probe.xhtml' ! -name overflow-frame.html | sort)
[ "$files" -gt 0 ] || { echo "no content documents in $epub"; exit 2; }
echo "overflow: $f100 files / $e100 elements at 100 %, $f200 files / $e200 elements at 200 % ($files documents)"
[ "$e100" -eq 0 ] && [ "$e200" -eq 0 ]
