#!/usr/bin/env bash
# Makes the sample media the local stack's simulated live channels loop (see
# origin/channels/sample-media/README.md): for each channel, its own H.264/AAC picture and tone in
# two renditions, cut into MPEG-TS segments that each open on a keyframe, and media.json, which
# describes them for the playlists (sizes measured here, so BANDWIDTH is the real peak).
#
#   tools/make-sample-media.sh [output folder]     # needs ffmpeg; a font for captions is optional
set -euo pipefail

out="${1:-$(cd "$(dirname "$0")/.." && pwd)/origin/channels/sample-media}"
seconds=2
count=4
fps=15
audio_kbps=32
# H.264 Constrained Baseline, level 3.0 (avc1.42C01E, RFC 6381) and AAC-LC (mp4a.40.2).
codecs='avc1.42C01E,mp4a.40.2'

# id | lavfi picture at 640x360 | tone (Hz) | caption
channels=(
  "ch-seongsu|gradients=s=640x360:r=${fps}:c0=0x1d4ed8:c1=0xf59e0b:seed=7:speed=0.05|440|Seongsu popup"
  "ch-beauty|mandelbrot=s=640x360:r=${fps}:start_scale=1.5:end_scale=0.3,hue=h=300:s=1.3|660|K-beauty live"
  "ch-snack|testsrc2=s=640x360:r=${fps},hue=h=40|880|Snack haul"
)
# name | size | video kbit/s (average, peak)
renditions=("240p|426x240|110|130" "360p|640x360|170|200")

font="$(fc-match -f '%{file}' 'DejaVu Sans:bold' 2>/dev/null || true)"

caption() {
  # drawtext needs a font file; without one the channels differ by picture and tone alone.
  if [[ -n "$font" && -f "$font" ]]; then
    printf ",drawtext=fontfile=%s:text='%s  %%{pts\\\\:hms}':x=16:y=h-48:fontsize=28:fontcolor=white:box=1:boxcolor=black@0.5:boxborderw=6" "$font" "$1"
  fi
}

encode() { # channel picture tone caption rendition size kbps peak
  local dir="$out/$1/$5"
  rm -rf "$dir" && mkdir -p "$dir"
  ffmpeg -hide_banner -loglevel error -y \
    -f lavfi -i "$2$(caption "$4"),scale=$6,format=yuv420p" \
    -f lavfi -i "sine=frequency=$3:sample_rate=44100:beep_factor=2" \
    -t $((seconds * count)) \
    -c:v libx264 -preset veryslow -profile:v baseline -level:v 3.0 \
    -b:v "$7k" -maxrate "$8k" -bufsize "$8k" \
    -g $((fps * seconds)) -keyint_min $((fps * seconds)) -sc_threshold 0 \
    -force_key_frames "expr:gte(t,n_forced*${seconds})" \
    -c:a aac -b:a "${audio_kbps}k" -ac 1 -ar 44100 \
    -f hls -hls_time "$seconds" -hls_list_size 0 -hls_segment_filename "$dir/seg%d.ts" "$dir/encoded.m3u8"
  rm "$dir/encoded.m3u8"
}

for channel in "${channels[@]}"; do
  IFS='|' read -r id picture tone text <<<"$channel"
  for rendition in "${renditions[@]}"; do
    IFS='|' read -r name size kbps peak <<<"$rendition"
    encode "$id" "$picture" "$tone" "$text" "$name" "$size" "$kbps" "$peak"
  done
done

# media.json: BANDWIDTH is the largest segment's bit rate over every channel (RFC 8216 §4.3.4.2).
rendition_json() { # name size
  local peak average
  read -r peak average < <(for channel in "${channels[@]}"; do stat -c %s "$out/${channel%%|*}/$1"/seg*.ts; done |
    awk -v s="$seconds" '{ if ($1 > max) max = $1; sum += $1 } END { printf "%d %d\n", max * 8 / s, sum * 8 / s / NR }')
  printf '    { "name": "%s", "width": %s, "height": %s, "bandwidth": %s, "averageBandwidth": %s, "codecs": "%s" }' \
    "$1" "${2%x*}" "${2#*x}" "$peak" "$average" "$codecs"
}

{
  printf '{\n  "segmentSeconds": %s,\n  "segmentCount": %s,\n  "frameRate": %s,\n' "$seconds" "$count" "$fps"
  printf '  "channels": [%s],\n' "$(for channel in "${channels[@]}"; do printf '"%s"\n' "${channel%%|*}"; done | paste -sd, | sed 's/,/, /g')"
  printf '  "renditions": [\n'
  for rendition in "${renditions[@]}"; do
    IFS='|' read -r name size _ _ <<<"$rendition"
    rendition_json "$name" "$size"
    [[ "$rendition" == "${renditions[-1]}" ]] && printf '\n' || printf ',\n'
  done
  printf '  ]\n}\n'
} >"$out/media.json"

du -sh "$out"
