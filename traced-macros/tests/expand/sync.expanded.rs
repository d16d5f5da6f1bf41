fn apply_redemption(customer_id: &str, coins: i64) -> i64 {
    #[cfg(not(debug_assertions))]
    {
        if ::traced_runtime::__private::known_off() {
            #[allow(unused_braces)]
            return {
                {
                    ::traced_runtime::__private::record_on_current(|__traced_attrs| {
                        ::traced_runtime::__private::BoolValue::set_on(
                            &(false),
                            __traced_attrs,
                            "idempotency.cache_hit",
                        );
                    });
                };
                {
                    ::traced_runtime::__private::event_on_current(
                        "fraud.queued_for_manual_review",
                        |__traced_attrs| {
                            let _ = &__traced_attrs;
                            ::traced_runtime::__private::IntValue::set_on(
                                &(2100),
                                __traced_attrs,
                                "fraud.queue_wait_ms",
                            );
                        },
                    );
                };
                coins
            };
        }
    }
    #[cfg(not(debug_assertions))]
    let __traced_out = ::traced_runtime::__private::out_of_line(move || {
        static __TRACED_SITE: ::traced_runtime::__private::Site = ::traced_runtime::__private::Site::new(
            "rewards.redemption.apply",
            ::traced_runtime::__private::SpanKind::Internal,
            2usize,
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
            },
        );
        let __traced_ret: i64 = ::traced_runtime::__private::once(move || {
            {
                ::traced_runtime::__private::record_on_current(|__traced_attrs| {
                    ::traced_runtime::__private::BoolValue::set_on(
                        &(false),
                        __traced_attrs,
                        "idempotency.cache_hit",
                    );
                });
            };
            {
                ::traced_runtime::__private::event_on_current(
                    "fraud.queued_for_manual_review",
                    |__traced_attrs| {
                        let _ = &__traced_attrs;
                        ::traced_runtime::__private::IntValue::set_on(
                            &(2100),
                            __traced_attrs,
                            "fraud.queue_wait_ms",
                        );
                    },
                );
            };
            coins
        })();
        if __traced_span.is_on() {
            let __traced_returned = ::traced_runtime::__private::Returned::new(
                &__traced_ret,
            );
            __traced_returned.mark_status(&__traced_span, false);
        }
        __traced_ret
    });
    #[cfg(debug_assertions)]
    let __traced_out = {
        static __TRACED_SITE: ::traced_runtime::__private::Site = ::traced_runtime::__private::Site::new(
            "rewards.redemption.apply",
            ::traced_runtime::__private::SpanKind::Internal,
            2usize,
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
                __traced_start.sync()
            }
            ::core::result::Result::Err(__traced_off) => __traced_off.sync(),
        };
        let __traced_ret: i64 = ::traced_runtime::__private::once(move || {
            {
                ::traced_runtime::__private::record_on_current(|__traced_attrs| {
                    ::traced_runtime::__private::BoolValue::set_on(
                        &(false),
                        __traced_attrs,
                        "idempotency.cache_hit",
                    );
                });
            };
            {
                ::traced_runtime::__private::event_on_current(
                    "fraud.queued_for_manual_review",
                    |__traced_attrs| {
                        let _ = &__traced_attrs;
                        ::traced_runtime::__private::IntValue::set_on(
                            &(2100),
                            __traced_attrs,
                            "fraud.queue_wait_ms",
                        );
                    },
                );
            };
            coins
        })();
        if __traced_span.is_on() {
            let __traced_returned = ::traced_runtime::__private::Returned::new(
                &__traced_ret,
            );
            __traced_returned.mark_status(&__traced_span, false);
        }
        __traced_ret
    };
    __traced_out
}
fn bare() {
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
            "bare",
            ::traced_runtime::__private::SpanKind::Internal,
            0usize,
        );
        let __traced_span = ::traced_runtime::__private::start_sync(
            &__TRACED_SITE,
            &mut |__traced_attrs: &mut ::traced_runtime::__private::Attrs| {},
        );
        let __traced_ret: () = {};
        __traced_ret
    });
    #[cfg(debug_assertions)]
    let __traced_out = {
        static __TRACED_SITE: ::traced_runtime::__private::Site = ::traced_runtime::__private::Site::new(
            "bare",
            ::traced_runtime::__private::SpanKind::Internal,
            0usize,
        );
        let __traced_span = match ::traced_runtime::__private::begin(&__TRACED_SITE) {
            ::core::result::Result::Ok(__traced_start) => __traced_start.sync(),
            ::core::result::Result::Err(__traced_off) => __traced_off.sync(),
        };
        let __traced_ret: () = {};
        __traced_ret
    };
    __traced_out
}
fn once_only(coins: i64) -> i64 {
    static __TRACED_SITE: ::traced_runtime::__private::Site = ::traced_runtime::__private::Site::new(
        "once_only",
        ::traced_runtime::__private::SpanKind::Internal,
        0usize,
    );
    let __traced_span = match ::traced_runtime::__private::begin(&__TRACED_SITE) {
        ::core::result::Result::Ok(__traced_start) => __traced_start.sync(),
        ::core::result::Result::Err(__traced_off) => __traced_off.sync(),
    };
    let __traced_ret: i64 = { coins + 1 };
    if __traced_span.is_on() {
        let __traced_returned = ::traced_runtime::__private::Returned::new(
            &__traced_ret,
        );
        __traced_returned.mark_status(&__traced_span, false);
    }
    __traced_ret
}
