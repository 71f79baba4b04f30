//! Prints the package's TypeScript types (see `gaizao::typescript`).
fn main() {
    print!("{}", gaizao::typescript::declarations());
}
