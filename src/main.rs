fn main() -> std::process::ExitCode {
    tune_allocator();
    depeche::cli::run()
}

/// glibc's malloc raises its mmap threshold to the size of any large block
/// freed (up to 32 MiB): once the file's bytes are freed after parsing,
/// every list of up to the file's size grows inside the heap, each growth a
/// copy that leaves the old room behind as a hole the heap keeps. A fixed
/// threshold keeps lists past 1 MiB in pages of their own, given back when
/// freed and only resident as filled: 100,000 articles of one paragraph
/// peaked at 66 MB resident, 46 MB with it (docs/performance.md, "Peak memory").
fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `mallopt` only sets a parameter of the allocator, before any
    // thread is started.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
    }
}
