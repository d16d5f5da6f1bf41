fn redeem(partner: &str) -> impl ::core::future::Future<Output = Result<(), String>> {
    #[cfg(not(debug_assertions))]
    {
        if ::traced_runtime::__private::known_off() {
            return ::traced_runtime::__private::Dual::bare(async move {
                let _ = &partner;
                #[allow(
                    unreachable_code,
                    clippy::diverging_sub_expression,
                    clippy::needless_return
                )]
                if false {
                    let __traced_fake: Result<(), String> = loop {};
                    return __traced_fake;
                }
                check(partner).await
            });
        }
    }
    #[cfg(not(debug_assertions))]
    let __traced_out = ::traced_runtime::__private::Dual::traced(
        ::traced_runtime::__private::out_of_line_cold(move || {
            static __TRACED_SITE: ::traced_runtime::__private::Site = ::traced_runtime::__private::Site::new(
                "redeem",
                ::traced_runtime::__private::SpanKind::Server,
                1usize,
            );
            let __traced_span = ::traced_runtime::__private::start_span(
                &__TRACED_SITE,
                &mut |__traced_attrs: &mut ::traced_runtime::__private::Attrs| {
                    ::traced_runtime::__private::StringValue::set_on(
                        &(partner),
                        __traced_attrs,
                        "redemption.partner",
                    );
                },
            );
            __traced_span
                .instrument(
                    async move {
                        let _ = &partner;
                        #[allow(
                            unreachable_code,
                            clippy::diverging_sub_expression,
                            clippy::needless_return
                        )]
                        if false {
                            let __traced_fake: Result<(), String> = loop {};
                            return __traced_fake;
                        }
                        check(partner).await
                    },
                    |__traced_ret, __traced_span| {
                        let __traced_returned = ::traced_runtime::__private::Returned::new(
                            __traced_ret,
                        );
                        __traced_returned.mark_status(__traced_span, false);
                    },
                )
        }),
    );
    #[cfg(debug_assertions)]
    let __traced_out = {
        static __TRACED_SITE: ::traced_runtime::__private::Site = ::traced_runtime::__private::Site::new(
            "redeem",
            ::traced_runtime::__private::SpanKind::Server,
            1usize,
        );
        let __traced_span = match ::traced_runtime::__private::begin(&__TRACED_SITE) {
            ::core::result::Result::Ok(mut __traced_start) => {
                let __traced_attrs = &mut __traced_start.attrs;
                ::traced_runtime::__private::StringValue::set_on(
                    &(partner),
                    __traced_attrs,
                    "redemption.partner",
                );
                __traced_start.span()
            }
            ::core::result::Result::Err(__traced_off) => __traced_off.span(),
        };
        __traced_span
            .instrument(
                async move {
                    let _ = &partner;
                    #[allow(
                        unreachable_code,
                        clippy::diverging_sub_expression,
                        clippy::needless_return
                    )]
                    if false {
                        let __traced_fake: Result<(), String> = loop {};
                        return __traced_fake;
                    }
                    check(partner).await
                },
                |__traced_ret, __traced_span| {
                    let __traced_returned = ::traced_runtime::__private::Returned::new(
                        __traced_ret,
                    );
                    __traced_returned.mark_status(__traced_span, false);
                },
            )
    };
    __traced_out
}
fn boxed(coins: i64) -> Pin<Box<dyn Future<Output = i64> + Send>> {
    static __TRACED_SITE: ::traced_runtime::__private::Site = ::traced_runtime::__private::Site::new(
        "boxed",
        ::traced_runtime::__private::SpanKind::Internal,
        0usize,
    );
    let __traced_span = match ::traced_runtime::__private::begin(&__TRACED_SITE) {
        ::core::result::Result::Ok(__traced_start) => __traced_start.span(),
        ::core::result::Result::Err(__traced_off) => __traced_off.span(),
    };
    let __traced_entered = __traced_span.enter();
    let doubled = coins * 2;
    ::core::mem::drop(__traced_entered);
    ::std::boxed::Box::pin(
        __traced_span
            .instrument(
                async move { doubled },
                |__traced_ret, __traced_span| {
                    let __traced_returned = ::traced_runtime::__private::Returned::new(
                        __traced_ret,
                    );
                    __traced_returned.mark_status(__traced_span, false);
                },
            ),
    )
}
