// The subcommands. Each returns the process exit code: 0 ok, 1 content errors.
// booklet::Error thrown by a stage is caught in main() and is also exit code 1.
#pragma once

#include "options.hpp"

namespace booklet::cli {

int run_version();  // the version and where the styles and fonts are
int run_build(const BuildOptions& options);
int run_check(const CheckOptions& options);
int run_watch(const WatchOptions& options);   // watch.cpp
int run_inspect(const InspectOptions& options);
int run_init(const InitOptions& options);
int run_styles(const StylesOptions& options);

}  // namespace booklet::cli
