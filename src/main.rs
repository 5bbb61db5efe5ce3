#![forbid(unsafe_code)]

fn main() -> std::process::ExitCode {
    claimtrack::cli::main()
}
