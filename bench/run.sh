#!/usr/bin/env bash
# Runs the benchmarks end to end and writes BENCHMARKS.md: builds
# bin/aello-import and the helper programs, installs the comparison tools
# from Debian's packages when they are missing, then runs bench/cmd/measure
# with the arguments given to this script (see: bench/data/bin/measure -h).
#
# Usage: bench/run.sh [measure flags]     (make bench BENCH_FLAGS='...')
set -euo pipefail

cd "$(dirname "$0")/.."

echo "== build"
make build
mkdir -p bench/data/bin
go build -o bench/data/bin/ ./bench/cmd/measure ./bench/cmd/excelizeread ./bench/cmd/sharedstrings ./bench/cmd/profile ./samples/gen

# Debian package of each command the benchmarks call.
declare -A packages=([mlr]=miller [xlsx2csv]=xlsx2csv [hey]=hey [/usr/bin/time]=time [iconv]=libc-bin)
missing=()
for command in "${!packages[@]}"; do
	if ! command -v "$command" >/dev/null 2>&1; then
		missing+=("${packages[$command]}")
	fi
done

if [ ${#missing[@]} -gt 0 ]; then
	echo "== install ${missing[*]}"
	sudo=""
	if [ "$(id -u)" -ne 0 ]; then
		sudo="sudo"
	fi
	$sudo apt-get update -qq
	installable=()
	for package in "${missing[@]}"; do
		# A package without a candidate version does not exist in the
		# configured Debian archives: measure without it.
		if apt-cache policy "$package" 2>/dev/null | grep -q 'Candidate: [0-9]'; then
			installable+=("$package")
		else
			echo "   $package is not in Debian's packages: its comparison is skipped"
		fi
	done
	if [ ${#installable[@]} -gt 0 ]; then
		$sudo apt-get install -y -qq "${installable[@]}"
	fi
fi

echo "== measure"
exec bench/data/bin/measure "$@"
