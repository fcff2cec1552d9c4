# CPU time of a process, in clock ticks (getconf CLK_TCK), from /proc: sourced by run.sh and ab.sh.

# cpu_ticks_of PID: utime + stime of the whole process.
cpu_ticks_of() { sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; }

# jit_ticks_of PID: the part of it spent by HotSpot's JIT compiler threads ("C1 CompilerThre",
# "C2 CompilerThre"): a one-off cost of a fresh service, shown apart so that it is not read as the
# cost of a request.
jit_ticks_of() {
    local task total=0 name
    for task in /proc/"$1"/task/*; do
        name=$(cat "$task/comm" 2>/dev/null) || continue
        case $name in
            C1\ Compiler*|C2\ Compiler*) total=$((total + $(sed 's/^.*) //' "$task/stat" | awk '{ print $12 + $13 }'))) ;;
        esac
    done
    echo "$total"
}
