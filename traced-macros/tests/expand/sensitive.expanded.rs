use traced_runtime::redact;
fn pseudonymize(email: &str) -> redact::Redacted {
    #[cfg(not(debug_assertions))]
    {
        if ::traced_runtime::__private::known_off() {
            #[allow(unused_braces)]
            return {
                {
                    ::traced_runtime::__private::record_on_current(|__traced_attrs| {
                        {
                            #[diagnostic::on_unimplemented(
                                message = "attribute `user.phones` is marked `pii` by its group `user.contact` at attributes.yaml:92:9: its value must be redacted, not a raw `{Self}`",
                                label = "personal data, recorded as it is",
                                note = "record `traced_runtime::redact::pseudonym(value)`: a keyed hash, the same for the same input, never the raw value"
                            )]
                            trait Pseudonymized {
                                #[inline(always)]
                                fn checked(&self) -> &Self {
                                    self
                                }
                            }
                            #[diagnostic::do_not_recommend]
                            impl<
                                T: ::traced_runtime::__private::Pseudonymized
                                    + ?::core::marker::Sized,
                            > Pseudonymized for T {}
                            ::traced_runtime::__private::StringArrayValue::set_on(
                                Pseudonymized::checked(
                                    &([redact::pseudonym("+41 00 000 00 00")]),
                                ),
                                __traced_attrs,
                                "user.phones",
                            );
                        }
                    });
                };
                redact::pseudonym(email)
            };
        }
    }
    #[cfg(not(debug_assertions))]
    let __traced_out = ::traced_runtime::__private::out_of_line(move || {
        static __TRACED_SITE: ::traced_runtime::__private::Site = ::traced_runtime::__private::Site::new(
            "pseudonymize",
            ::traced_runtime::__private::SpanKind::Internal,
            1usize,
        );
        let __traced_span = ::traced_runtime::__private::start_sync(
            &__TRACED_SITE,
            &mut |__traced_attrs: &mut ::traced_runtime::__private::Attrs| {
                {
                    #[diagnostic::on_unimplemented(
                        message = "attribute `user.email` is marked `pii` at attributes.yaml:75:9: its value must be redacted, not a raw `{Self}`",
                        label = "personal data, recorded as it is",
                        note = "record `traced_runtime::redact::pseudonym(value)`: a keyed hash, the same for the same input, never the raw value",
                        note = "or, if the raw value must be recorded, say why on the fn: `allow_sensitive(\"user.email\", reason = \"...\")`"
                    )]
                    trait Pseudonymized {
                        #[inline(always)]
                        fn checked(&self) -> &Self {
                            self
                        }
                    }
                    #[diagnostic::do_not_recommend]
                    impl<
                        T: ::traced_runtime::__private::Pseudonymized
                            + ?::core::marker::Sized,
                    > Pseudonymized for T {}
                    ::traced_runtime::__private::StringValue::set_on(
                        Pseudonymized::checked(&(redact::pseudonym(email))),
                        __traced_attrs,
                        "user.email",
                    );
                }
            },
        );
        let __traced_ret: redact::Redacted = ::traced_runtime::__private::once(move || {
            {
                ::traced_runtime::__private::record_on_current(|__traced_attrs| {
                    {
                        #[diagnostic::on_unimplemented(
                            message = "attribute `user.phones` is marked `pii` by its group `user.contact` at attributes.yaml:92:9: its value must be redacted, not a raw `{Self}`",
                            label = "personal data, recorded as it is",
                            note = "record `traced_runtime::redact::pseudonym(value)`: a keyed hash, the same for the same input, never the raw value"
                        )]
                        trait Pseudonymized {
                            #[inline(always)]
                            fn checked(&self) -> &Self {
                                self
                            }
                        }
                        #[diagnostic::do_not_recommend]
                        impl<
                            T: ::traced_runtime::__private::Pseudonymized
                                + ?::core::marker::Sized,
                        > Pseudonymized for T {}
                        ::traced_runtime::__private::StringArrayValue::set_on(
                            Pseudonymized::checked(
                                &([redact::pseudonym("+41 00 000 00 00")]),
                            ),
                            __traced_attrs,
                            "user.phones",
                        );
                    }
                });
            };
            redact::pseudonym(email)
        })();
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
                        "user.email",
                        || {
                            #[diagnostic::on_unimplemented(
                                message = "attribute `user.email` is marked `pii` at attributes.yaml:75:9: its value must be redacted, not a raw `{Self}`",
                                label = "personal data, recorded as it is",
                                note = "record `traced_runtime::redact::pseudonym(value)`: a keyed hash, the same for the same input, never the raw value",
                                note = "or, if the raw value must be recorded, say why on the fn: `allow_sensitive(\"user.email\", reason = \"...\")`"
                            )]
                            trait Pseudonymized {
                                #[inline(always)]
                                fn checked(&self) -> &Self {
                                    self
                                }
                            }
                            #[diagnostic::do_not_recommend]
                            impl<
                                T: ::traced_runtime::__private::Pseudonymized
                                    + ?::core::marker::Sized,
                            > Pseudonymized for T {}
                            ::traced_runtime::__private::StringValue::to_value(
                                Pseudonymized::checked(&(__traced_value)),
                            )
                        },
                    );
            }
        }
        __traced_ret
    });
    #[cfg(debug_assertions)]
    let __traced_out = {
        static __TRACED_SITE: ::traced_runtime::__private::Site = ::traced_runtime::__private::Site::new(
            "pseudonymize",
            ::traced_runtime::__private::SpanKind::Internal,
            1usize,
        );
        let __traced_span = match ::traced_runtime::__private::begin(&__TRACED_SITE) {
            ::core::result::Result::Ok(mut __traced_start) => {
                let __traced_attrs = &mut __traced_start.attrs;
                {
                    #[diagnostic::on_unimplemented(
                        message = "attribute `user.email` is marked `pii` at attributes.yaml:75:9: its value must be redacted, not a raw `{Self}`",
                        label = "personal data, recorded as it is",
                        note = "record `traced_runtime::redact::pseudonym(value)`: a keyed hash, the same for the same input, never the raw value",
                        note = "or, if the raw value must be recorded, say why on the fn: `allow_sensitive(\"user.email\", reason = \"...\")`"
                    )]
                    trait Pseudonymized {
                        #[inline(always)]
                        fn checked(&self) -> &Self {
                            self
                        }
                    }
                    #[diagnostic::do_not_recommend]
                    impl<
                        T: ::traced_runtime::__private::Pseudonymized
                            + ?::core::marker::Sized,
                    > Pseudonymized for T {}
                    ::traced_runtime::__private::StringValue::set_on(
                        Pseudonymized::checked(&(redact::pseudonym(email))),
                        __traced_attrs,
                        "user.email",
                    );
                }
                __traced_start.sync()
            }
            ::core::result::Result::Err(__traced_off) => __traced_off.sync(),
        };
        let __traced_ret: redact::Redacted = ::traced_runtime::__private::once(move || {
            {
                ::traced_runtime::__private::record_on_current(|__traced_attrs| {
                    {
                        #[diagnostic::on_unimplemented(
                            message = "attribute `user.phones` is marked `pii` by its group `user.contact` at attributes.yaml:92:9: its value must be redacted, not a raw `{Self}`",
                            label = "personal data, recorded as it is",
                            note = "record `traced_runtime::redact::pseudonym(value)`: a keyed hash, the same for the same input, never the raw value"
                        )]
                        trait Pseudonymized {
                            #[inline(always)]
                            fn checked(&self) -> &Self {
                                self
                            }
                        }
                        #[diagnostic::do_not_recommend]
                        impl<
                            T: ::traced_runtime::__private::Pseudonymized
                                + ?::core::marker::Sized,
                        > Pseudonymized for T {}
                        ::traced_runtime::__private::StringArrayValue::set_on(
                            Pseudonymized::checked(
                                &([redact::pseudonym("+41 00 000 00 00")]),
                            ),
                            __traced_attrs,
                            "user.phones",
                        );
                    }
                });
            };
            redact::pseudonym(email)
        })();
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
                        "user.email",
                        || {
                            #[diagnostic::on_unimplemented(
                                message = "attribute `user.email` is marked `pii` at attributes.yaml:75:9: its value must be redacted, not a raw `{Self}`",
                                label = "personal data, recorded as it is",
                                note = "record `traced_runtime::redact::pseudonym(value)`: a keyed hash, the same for the same input, never the raw value",
                                note = "or, if the raw value must be recorded, say why on the fn: `allow_sensitive(\"user.email\", reason = \"...\")`"
                            )]
                            trait Pseudonymized {
                                #[inline(always)]
                                fn checked(&self) -> &Self {
                                    self
                                }
                            }
                            #[diagnostic::do_not_recommend]
                            impl<
                                T: ::traced_runtime::__private::Pseudonymized
                                    + ?::core::marker::Sized,
                            > Pseudonymized for T {}
                            ::traced_runtime::__private::StringValue::to_value(
                                Pseudonymized::checked(&(__traced_value)),
                            )
                        },
                    );
            }
        }
        __traced_ret
    };
    __traced_out
}
fn allowed(email: &str) {
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
            "allowed",
            ::traced_runtime::__private::SpanKind::Internal,
            1usize,
        );
        let __traced_span = ::traced_runtime::__private::start_sync(
            &__TRACED_SITE,
            &mut |__traced_attrs: &mut ::traced_runtime::__private::Attrs| {
                ::traced_runtime::__private::StringValue::set_on(
                    &(email),
                    __traced_attrs,
                    "user.email",
                );
            },
        );
        let __traced_ret: () = {};
        __traced_ret
    });
    #[cfg(debug_assertions)]
    let __traced_out = {
        static __TRACED_SITE: ::traced_runtime::__private::Site = ::traced_runtime::__private::Site::new(
            "allowed",
            ::traced_runtime::__private::SpanKind::Internal,
            1usize,
        );
        let __traced_span = match ::traced_runtime::__private::begin(&__TRACED_SITE) {
            ::core::result::Result::Ok(mut __traced_start) => {
                let __traced_attrs = &mut __traced_start.attrs;
                ::traced_runtime::__private::StringValue::set_on(
                    &(email),
                    __traced_attrs,
                    "user.email",
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
