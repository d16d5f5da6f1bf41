fn apply(customer_id: &str, coins: i64, partner: &str) {
    {
        #[deprecated(
            note = "attribute `redemption.partner` is not listed by span `rewards.redemption.apply` (defined at attributes.yaml:109:5); add it to the span's attributes in the registry"
        )]
        #[allow(non_upper_case_globals)]
        const attribute_not_in_span_definition: () = ();
        let () = attribute_not_in_span_definition;
    }
    #[cfg(not(debug_assertions))]
    {
        if ::traced_runtime::__private::known_off() {
            {}
            return;
        }
    }
    #[cfg(not(debug_assertions))]
    let __traced_out = ::traced_runtime::__private::out_of_line(move || {
        static __TRACED_SITE: ::traced_runtime::__private::Site = ::traced_runtime::__private::Site::new(
            "rewards.redemption.apply",
            ::traced_runtime::__private::SpanKind::Internal,
            3usize,
        );
        let __traced_span = ::traced_runtime::__private::start_sync(
            &__TRACED_SITE,
            &mut |__traced_attrs: &mut ::traced_runtime::__private::Attrs| {
                ::traced_runtime::__private::StringValue::set_on(
                    &(customer_id),
                    __traced_attrs,
                    "customer.id",
                );
                ::traced_runtime::__private::IntValue::set_on(
                    &(coins),
                    __traced_attrs,
                    "redemption.coins_debited",
                );
                ::traced_runtime::__private::StringValue::set_on(
                    &(partner),
                    __traced_attrs,
                    "redemption.partner",
                );
            },
        );
        let __traced_ret: () = {};
        __traced_ret
    });
    #[cfg(debug_assertions)]
    let __traced_out = {
        static __TRACED_SITE: ::traced_runtime::__private::Site = ::traced_runtime::__private::Site::new(
            "rewards.redemption.apply",
            ::traced_runtime::__private::SpanKind::Internal,
            3usize,
        );
        let __traced_span = match ::traced_runtime::__private::begin(&__TRACED_SITE) {
            ::core::result::Result::Ok(mut __traced_start) => {
                let __traced_attrs = &mut __traced_start.attrs;
                ::traced_runtime::__private::StringValue::set_on(
                    &(customer_id),
                    __traced_attrs,
                    "customer.id",
                );
                ::traced_runtime::__private::IntValue::set_on(
                    &(coins),
                    __traced_attrs,
                    "redemption.coins_debited",
                );
                ::traced_runtime::__private::StringValue::set_on(
                    &(partner),
                    __traced_attrs,
                    "redemption.partner",
                );
                __traced_start.sync()
            }
            ::core::result::Result::Err(__traced_off) => __traced_off.sync(),
        };
        let __traced_ret: () = {};
        __traced_ret
    };
    __traced_out
}
