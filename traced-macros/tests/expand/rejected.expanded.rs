::core::compile_error! {
    "span names must be string literals (bounded cardinality)\na name built at run time gives every call its own name; keep the name fixed and put the varying part in an attribute: `attrs(\"customer.id\" = customer_id)`"
}
::core::compile_error! {
    "attribute key `customer.idd` is not in the registry; did you mean `customer.id`?\nadd it to the registry, or use a registered key"
}
#[allow(unused_variables)]
fn apply(id: &str) {}
