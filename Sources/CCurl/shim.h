#ifndef PANDA_CCURL_SHIM_H
#define PANDA_CCURL_SHIM_H
#include <curl/curl.h>

/* `curl_easy_setopt` and `curl_easy_getinfo` are variadic, which Swift cannot call: one typed helper per
 * argument type instead. Each returns the CURLcode of the call. */

static inline CURLcode panda_curl_set_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode panda_curl_set_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode panda_curl_set_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode panda_curl_set_list(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode panda_curl_set_offset(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

/* The signature of CURLOPT_READFUNCTION and CURLOPT_WRITEFUNCTION callbacks. */
typedef size_t (*panda_curl_data_callback)(char *buffer, size_t size, size_t count, void *context);

static inline CURLcode panda_curl_set_callback(CURL *handle, CURLoption option, panda_curl_data_callback value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode panda_curl_get_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

/* CURL_GLOBAL_DEFAULT is a macro expression Swift does not import. */
static inline CURLcode panda_curl_global_init(void) {
    return curl_global_init(CURL_GLOBAL_DEFAULT);
}

#endif
