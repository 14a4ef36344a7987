# Reference values for the data-driven 1-D bandwidths against R's stats package:
# bw.SJ (method "ste" and "dpi"), bw.ucv, bw.nrd0, bw.nrd, on seeded datasets written to the
# same file so the Java test reads identical data.
# Run: Rscript bandwidths_r.R > bandwidths_r.json
set.seed(20261123)
num <- function(v) paste0("[", paste(sprintf("%.17g", v), collapse = ","), "]")
sets <- list(
  list(name = "normal-50", x = rnorm(50)),
  list(name = "bimodal-200", x = c(rnorm(140, 0, 1), rnorm(60, 4, 0.5))),
  list(name = "t3-500", x = rt(500, df = 3)),
  list(name = "bimodal-501", x = c(rnorm(300, -2, 1), rnorm(201, 2, 0.7))),
  list(name = "t3-1000", x = rt(1000, df = 3)),
  list(name = "lognormal-2000", x = rlnorm(2000)),
  list(name = "normal-5000", x = rnorm(5000, 10, 3))
)
cases <- vapply(sets, function(s) {
  x <- s$x
  sprintf('{"name":"%s","data":%s,"bw.SJ":%.17g,"bw.SJ.dpi":%.17g,"bw.ucv":%.17g,"bw.nrd0":%.17g,"bw.nrd":%.17g}',
          s$name, num(x), bw.SJ(x), bw.SJ(x, method = "dpi"), suppressWarnings(bw.ucv(x)), bw.nrd0(x), bw.nrd(x))
}, "")
cat(sprintf('{"producer":"%s","cases":[\n%s\n]}\n', R.version.string, paste(cases, collapse = ",\n")))
