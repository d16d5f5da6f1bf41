fn consume(cx: &Context, first: &Context, second: SpanContext) {
    static __TRACED_SITE: ::traced_runtime::__private::Site = ::traced_runtime::__private::Site::new(
        "consume",
        ::traced_runtime::__private::SpanKind::Consumer,
        0usize,
    );
    let __traced_span = match ::traced_runtime::__private::begin_in(
        &__TRACED_SITE,
        ::traced_runtime::__private::Parent::Explicit(
            ::traced_runtime::__private::ParentContext::to_context(&(cx)),
        ),
    ) {
        ::core::result::Result::Ok(mut __traced_start) => {
            let __traced_attrs = &mut __traced_start.attrs;
            __traced_attrs
                .link(::traced_runtime::__private::LinkSource::span_context(&(first)));
            __traced_attrs
                .link(::traced_runtime::__private::LinkSource::span_context(&(second)));
            __traced_start.sync()
        }
        ::core::result::Result::Err(__traced_off) => __traced_off.sync(),
    };
    let __traced_ret: () = {};
    __traced_ret
}
fn new_trace() {
    static __TRACED_SITE: ::tr::__private::Site = ::tr::__private::Site::new(
        "new_trace",
        ::tr::__private::SpanKind::Internal,
        0usize,
    );
    let __traced_span = match ::tr::__private::begin_in(
        &__TRACED_SITE,
        ::tr::__private::Parent::Root,
    ) {
        ::core::result::Result::Ok(__traced_start) => __traced_start.sync(),
        ::core::result::Result::Err(__traced_off) => __traced_off.sync(),
    };
    let __traced_ret: () = {};
    __traced_ret
}
fn stop() -> ! {
    static __TRACED_SITE: ::traced_runtime::__private::Site = ::traced_runtime::__private::Site::new(
        "stop",
        ::traced_runtime::__private::SpanKind::Internal,
        0usize,
    );
    let __traced_span = match ::traced_runtime::__private::begin(&__TRACED_SITE) {
        ::core::result::Result::Ok(__traced_start) => __traced_start.sync(),
        ::core::result::Result::Err(__traced_off) => __traced_off.sync(),
    };
    { panic!("stopped") }
}
