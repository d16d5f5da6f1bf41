fn debit(coins: &str) -> Result<i64, LookupError> {
    #[cfg(not(debug_assertions))]
    {
        if ::traced_runtime::__private::known_off() {
            #[allow(unused_braces)]
            return {
                let coins = parse(coins)?;
                Ok(coins)
            };
        }
    }
    #[cfg(not(debug_assertions))]
    let __traced_out = ::traced_runtime::__private::out_of_line(move || {
        static __TRACED_SITE: ::traced_runtime::__private::Site = ::traced_runtime::__private::Site::new(
            "debit",
            ::traced_runtime::__private::SpanKind::Internal,
            0usize,
        );
        let __traced_span = ::traced_runtime::__private::start_sync(
            &__TRACED_SITE,
            &mut |__traced_attrs: &mut ::traced_runtime::__private::Attrs| {},
        );
        let __traced_ret: Result<i64, LookupError> = ::traced_runtime::__private::once(move ||
        {
            let coins = parse(coins)?;
            Ok(coins)
        })();
        if __traced_span.is_on() {
            let __traced_returned = ::traced_runtime::__private::Returned::new(
                &__traced_ret,
            );
            __traced_returned
                .mark_status(
                    &__traced_span,
                    match &__traced_ret {
                        ::core::result::Result::Err(__traced_err) => {
                            ::core::matches!(__traced_err, LookupError::NotFound)
                        }
                        ::core::result::Result::Ok(_) => false,
                    },
                );
            if let ::core::option::Option::Some(__traced_value) = __traced_returned
                .ok_value()
            {
                (&__traced_span)
                    .record_ret(
                        "redemption.coins_debited",
                        || ::traced_runtime::__private::IntValue::to_value(
                            __traced_value,
                        ),
                    );
            }
        }
        __traced_ret
    });
    #[cfg(debug_assertions)]
    let __traced_out = {
        static __TRACED_SITE: ::traced_runtime::__private::Site = ::traced_runtime::__private::Site::new(
            "debit",
            ::traced_runtime::__private::SpanKind::Internal,
            0usize,
        );
        let __traced_span = match ::traced_runtime::__private::begin(&__TRACED_SITE) {
            ::core::result::Result::Ok(__traced_start) => __traced_start.sync(),
            ::core::result::Result::Err(__traced_off) => __traced_off.sync(),
        };
        let __traced_ret: Result<i64, LookupError> = ::traced_runtime::__private::once(move ||
        {
            let coins = parse(coins)?;
            Ok(coins)
        })();
        if __traced_span.is_on() {
            let __traced_returned = ::traced_runtime::__private::Returned::new(
                &__traced_ret,
            );
            __traced_returned
                .mark_status(
                    &__traced_span,
                    match &__traced_ret {
                        ::core::result::Result::Err(__traced_err) => {
                            ::core::matches!(__traced_err, LookupError::NotFound)
                        }
                        ::core::result::Result::Ok(_) => false,
                    },
                );
            if let ::core::option::Option::Some(__traced_value) = __traced_returned
                .ok_value()
            {
                (&__traced_span)
                    .record_ret(
                        "redemption.coins_debited",
                        || ::traced_runtime::__private::IntValue::to_value(
                            __traced_value,
                        ),
                    );
            }
        }
        __traced_ret
    };
    __traced_out
}
fn count() -> usize {
    #[cfg(not(debug_assertions))]
    {
        if ::traced_runtime::__private::known_off() {
            #[allow(unused_braces)] return { 3 };
        }
    }
    #[cfg(not(debug_assertions))]
    let __traced_out = ::traced_runtime::__private::out_of_line(move || {
        static __TRACED_SITE: ::traced_runtime::__private::Site = ::traced_runtime::__private::Site::new(
            "count",
            ::traced_runtime::__private::SpanKind::Internal,
            0usize,
        );
        let __traced_span = ::traced_runtime::__private::start_sync(
            &__TRACED_SITE,
            &mut |__traced_attrs: &mut ::traced_runtime::__private::Attrs| {},
        );
        let __traced_ret: usize = { 3 };
        if __traced_span.is_on() {
            let __traced_returned = ::traced_runtime::__private::Returned::new(
                &__traced_ret,
            );
            __traced_returned.mark_status(&__traced_span, false);
            if let ::core::option::Option::Some(__traced_value) = __traced_returned
                .ok_value()
            {
                (&__traced_span)
                    .record_ret(
                        "redemption.coins_debited",
                        || ::traced_runtime::__private::IntValue::to_value(
                            __traced_value,
                        ),
                    );
            }
        }
        __traced_ret
    });
    #[cfg(debug_assertions)]
    let __traced_out = {
        static __TRACED_SITE: ::traced_runtime::__private::Site = ::traced_runtime::__private::Site::new(
            "count",
            ::traced_runtime::__private::SpanKind::Internal,
            0usize,
        );
        let __traced_span = match ::traced_runtime::__private::begin(&__TRACED_SITE) {
            ::core::result::Result::Ok(__traced_start) => __traced_start.sync(),
            ::core::result::Result::Err(__traced_off) => __traced_off.sync(),
        };
        let __traced_ret: usize = { 3 };
        if __traced_span.is_on() {
            let __traced_returned = ::traced_runtime::__private::Returned::new(
                &__traced_ret,
            );
            __traced_returned.mark_status(&__traced_span, false);
            if let ::core::option::Option::Some(__traced_value) = __traced_returned
                .ok_value()
            {
                (&__traced_span)
                    .record_ret(
                        "redemption.coins_debited",
                        || ::traced_runtime::__private::IntValue::to_value(
                            __traced_value,
                        ),
                    );
            }
        }
        __traced_ret
    };
    __traced_out
}
