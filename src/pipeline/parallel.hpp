#pragma once
// The one way work is spread over threads (a batch's letters, the files of a folder): indices handed out in order
// to a few threads, the first failure stops the rest and is rethrown to the caller.

#include <atomic>
#include <cstddef>
#include <functional>

namespace vanban::pipeline {

/// Calls `work(i)` for every i in [0, count) on at most `jobs` threads (the calling thread is one of them). No new
/// index starts once `stop` (when given) is true or once a call has thrown; the first exception is rethrown after
/// every thread has finished.
void parallel_for(std::size_t count, unsigned jobs, const std::function<void(std::size_t)>& work,
                  const std::atomic<bool>* stop = nullptr);

}  // namespace vanban::pipeline
