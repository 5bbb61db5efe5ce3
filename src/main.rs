fn main() -> std::process::ExitCode {
    claimtrack::cli::main()
}
