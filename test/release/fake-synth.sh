#!/bin/sh
# A small stand-in for a cdktf app, used by the release tests: reads the environments file and the pins files of
# the project it runs in and writes a cdktf.out-like tree (manifest.json, stacks, GitOps manifests) to
# CDKTF_OUTDIR.
#
# A shell script, not node: the release and CLI suites run it about 160 times, and a node process spends about
# 45 ms of CPU time before it runs any code (a shell: about 1 ms). Besides the shell's built-ins it runs one
# program, `mkdir -p`, once.
#
# environments.txt: one line per environment, `<name>`, or `<name> <promotes from>` to also write its
# environment.json (`-`: it promotes from none). Pins files (environments/pins/<name>.json) are read as promote
# writes them, one `"app": "image"` pair per line; apps come in the file's order (sorted, as promote writes it).
set -eu
out=${CDKTF_OUTDIR:-cdktf.out}
if [ -n "${FAKE_SYNTH_FAIL:-}" ]; then
  echo "boom: the app failed" >&2
  exit 3
fi
# FAKE_SYNTH_STARTED_FILE: written when the synth starts (its pid, then a newline), so a test can act while it
# runs without guessing a delay
if [ -n "${FAKE_SYNTH_STARTED_FILE:-}" ]; then echo "$$" >"$FAKE_SYNTH_STARTED_FILE"; fi
# FAKE_SYNTH_LINE_TO_FD4: writes a line to descriptor 4 (the app run by the CLI inherits the run-folder watcher's
# pipe there), and fails unless the run folder (TMPDIR) is still there a moment later
if [ -n "${FAKE_SYNTH_LINE_TO_FD4:-}" ]; then
  (echo "a line" >&4) 2>/dev/null || { echo "descriptor 4 is not open" >&2; exit 3; }
  sleep 0.2
  [ -d "$TMPDIR" ] || { echo "the run folder $TMPDIR is gone" >&2; exit 3; }
fi
# FAKE_SYNTH_KEEP_WRITING: then goes on writing into its output folder (about 5,000 times, a few seconds), as an
# app killed while it writes
if [ -n "${FAKE_SYNTH_KEEP_WRITING:-}" ]; then
  i=0
  while [ "$i" -lt 5000 ]; do mkdir -p "$out/still-writing" && i=$((i + 1)); done
fi
if [ -n "${FAKE_SYNTH_SLEEP_MS:-}" ]; then sleep "$((FAKE_SYNTH_SLEEP_MS / 1000)).$(printf %03d $((FAKE_SYNTH_SLEEP_MS % 1000)))"; fi

# the apps of a pins file, one per line: `<app> <image>`
pins() {
  [ -f "environments/pins/$1.json" ] || return 0
  while IFS= read -r line; do
    case $line in
      *'": "'*)
        app=${line#*\"}
        image=${line#*\": \"}
        printf '%s %s\n' "${app%%\"*}" "${image%%\"*}"
        ;;
    esac
  done <"environments/pins/$1.json"
}

# the manifest's stacks, joined as the loop goes
manifest=""
# stack <name> <dependency or empty> <resource JSON>, into its folder made above
stack() {
  dependencies=""
  if [ -n "$2" ]; then dependencies="\"$2\""; fi
  printf '{\n  "//": { "metadata": { "stackName": "%s" } },\n  "resource": %s\n}\n' "$1" "$3" >"$out/stacks/$1/cdk.tf.json"
  manifest="$manifest${manifest:+,}
    \"$1\": { \"name\": \"$1\", \"dependencies\": [$dependencies], \"synthesizedStackPath\": \"stacks/$1/cdk.tf.json\" }"
}

# every folder first, with one mkdir (each program the script starts costs about a millisecond)
apps_of() { pins "$1" | while read -r app image; do echo "$app"; done; }
folders="$out/stacks/state"
while read -r env promotes_from; do
  [ -n "$env" ] || continue
  folders="$folders $out/stacks/$env-platform $out/stacks/$env-gitops $out/gitops/$env/infrastructure"
  for app in $(apps_of "$env"); do folders="$folders $out/stacks/$env-app-$app $out/gitops/$env/apps/$app"; done
done <environments.txt
# shellcheck disable=SC2086 # one word per folder (the tests' folders hold no spaces)
mkdir -p $folders

stack state "" '{ "azurerm_storage_account": { "state": { "name": "ststate" } } }'
while read -r env promotes_from; do
  [ -n "$env" ] || continue
  gitops="$out/gitops/$env"
  stack "$env-platform" state "{ \"azurerm_kubernetes_cluster\": { \"cluster\": { \"name\": \"aks-$env\", \"vm_size\": \"Standard_D2s_v5\" } } }"
  stack "$env-gitops" "$env-platform" '{ "azurerm_kubernetes_flux_configuration": { "flux": { "name": "flux" } } }'
  case $promotes_from in
    "") ;;
    -) printf '{\n  "environment": "%s",\n  "sync": "flux",\n  "tier": "%s"\n}\n' "$env" "$env" >"$gitops/environment.json" ;;
    *) printf '{\n  "environment": "%s",\n  "promotesFrom": "%s",\n  "sync": "flux",\n  "tier": "%s"\n}\n' "$env" "$promotes_from" "$env" >"$gitops/environment.json" ;;
  esac
  printf 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: platform\n' >"$gitops/infrastructure/namespace-platform.yaml"
  pins "$env" | while read -r app image; do
    printf 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: %s\nspec:\n  template:\n    spec:\n      containers:\n        - image: %s\n          name: %s\n' "$app" "$image" "$app" >"$gitops/apps/$app/deployment-$app.yaml"
    printf 'apiVersion: v1\nkind: Service\nmetadata:\n  name: %s\n' "$app" >"$gitops/apps/$app/service-$app.yaml"
  done
  for app in $(apps_of "$env"); do
    stack "$env-app-$app" "$env-gitops" "{ \"azurerm_user_assigned_identity\": { \"id\": { \"name\": \"id-$app\" } } }"
  done
done <environments.txt
printf '{\n  "stacks": {%s\n  },\n  "version": "0.21.0"\n}\n' "$manifest" >"$out/manifest.json"
