# gnuplot script for deploy/bench/run.sh: latency percentiles and throughput per mode.
# Call: gnuplot -e "data='chart.dat'; out='chart.png'; title='...'" chart.gp
# chart.dat columns: mode p50_ms p90_ms p99_ms max_ms payments_per_s (one line per mode, mode names without spaces).
set terminal pngcairo size 1200,500 font "sans,10"
set output out
set multiplot layout 1,2 title title
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set boxwidth 0.9
set grid ytics
set key top left

set title "Latency per mode (ms, log scale)"
set logscale y
set yrange [0.1:*]
set ylabel "ms"
plot data using 2:xtic(1) title "p50", '' using 3 title "p90", '' using 4 title "p99", '' using 5 title "max"

unset logscale y
set title "Throughput per mode"
set ylabel "payments/s (pgbench: transactions/s)"
set yrange [0:*]
set offsets 0, 0, graph 0.1, 0
set style histogram clustered gap 1
plot data using 6:xtic(1) title "payments/s" linecolor rgb "#4477aa", \
     '' using 0:6:(sprintf("%.0f", $6)) with labels offset 0,0.8 notitle
unset multiplot
