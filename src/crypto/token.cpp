// PKCS#11 tokens through libp11's engine for OpenSSL 3. ENGINE is deprecated in OpenSSL 3 but remains the way
// Debian 12 reaches PKCS#11 (libengine-pkcs11-openssl; no provider is packaged), hence the suppression here only. The
// engine cannot list a token's certificates: the module's own PKCS#11 functions (p11-kit's header) do that.
#define OPENSSL_SUPPRESS_DEPRECATED

#include "crypto/token.hpp"

#include <dlfcn.h>
#include <openssl/crypto.h>
#include <openssl/engine.h>
#include <openssl/err.h>
#include <openssl/ui.h>
#include <p11-kit/pkcs11.h>

#include <algorithm>
#include <cstring>
#include <memory>

#include "base/percent.hpp"
#include "crypto/handles.hpp"

namespace vanban::crypto {

namespace {

// PKCS#11 return values that mean the token is gone (libp11 queues them as OpenSSL reasons).
constexpr CK_RV kTokenGone[] = {CKR_DEVICE_ERROR,        CKR_DEVICE_MEMORY,          CKR_DEVICE_REMOVED,
                                CKR_SESSION_CLOSED,      CKR_SESSION_HANDLE_INVALID, CKR_TOKEN_NOT_PRESENT,
                                CKR_TOKEN_NOT_RECOGNIZED};
constexpr CK_ULONG kUnavailable = ~CK_ULONG{0};  // CK_UNAVAILABLE_INFORMATION, without its C cast

// The URI libp11's engine is given: only what parse_pkcs11_uri checked, re-encoded.
std::string engine_uri(const Pkcs11Uri& uri) {
  std::string out = "pkcs11:";
  const auto add = [&](const char* name, std::string_view value) {
    if (value.empty()) return;
    if (out.back() != ':') out += ';';
    out += name;
    out += '=';
    out += percent_encode(value);
  };
  add("token", uri.token);
  add("manufacturer", uri.manufacturer);
  add("serial", uri.serial);
  add("model", uri.model);
  add("object", uri.object);
  add("id", uri.id);
  add("type", "private");
  return out;
}

// The PIN, asked of the front end at most once; a second request before the token took it would be a retry.
struct PinContext {
  PassphraseSource source;
  bool asked = false;
  bool missing = false;
  bool unusable = false;  ///< outside the lengths the engine accepts (never sent to the token)
  bool accepted = false;  ///< the token took it: a context-specific login may use it again
  std::string pin;
  ~PinContext() { OPENSSL_cleanse(pin.data(), pin.size()); }
};

int read_pin(UI* ui, UI_STRING* request) {
  auto* context = static_cast<PinContext*>(UI_get0_user_data(ui));
  const auto type = UI_get_string_type(request);
  if (context == nullptr || (type != UIT_PROMPT && type != UIT_VERIFY)) return 1;
  if (context->asked && !context->accepted) return 0;
  if (!context->asked) {
    context->asked = true;
    auto value = context->source ? context->source() : std::nullopt;
    if (!value) {
      context->missing = true;
      return 0;
    }
    context->pin = *value;
    OPENSSL_cleanse(value->data(), value->size());
  }
  if (UI_set_result(ui, request, context->pin.c_str()) != 0) {
    context->unusable = true;
    return 0;
  }
  return 1;
}

// The engine, its PIN prompt and the PIN, kept while the key is used; released after it.
struct TokenSession {
  ENGINE* engine = nullptr;
  bool initialised = false;
  UI_METHOD* ui = nullptr;
  PinContext pin;
  TokenSession() = default;
  TokenSession(const TokenSession&) = delete;
  TokenSession& operator=(const TokenSession&) = delete;
  ~TokenSession() {
    if (engine != nullptr) {
      if (initialised) ENGINE_finish(engine);
      // Out of OpenSSL's list, so that it is destroyed with its cached PIN: the next key loads a fresh engine.
      ENGINE_remove(engine);
      ENGINE_free(engine);
    }
    if (ui != nullptr) UI_destroy_method(ui);
  }
};

// A PKCS#11 module opened to list a token's certificates. It is initialised here unless it already is (by the engine,
// in this process) and then finalised only if it was initialised here; its sessions are its own, closed one by one:
// the engine's sessions are never touched.
class Module {
 public:
  explicit Module(const std::string& path) : handle_(::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL)) {
    if (handle_ == nullptr) return;
    void* symbol = ::dlsym(handle_, "C_GetFunctionList");
    CK_C_GetFunctionList get = nullptr;
    if (symbol == nullptr) return;
    static_assert(sizeof get == sizeof symbol);
    std::memcpy(&get, &symbol, sizeof get);
    CK_FUNCTION_LIST_PTR list = nullptr;
    if (get(&list) != CKR_OK || list == nullptr) return;
    const CK_RV initialised = list->C_Initialize(nullptr);
    if (initialised != CKR_OK && initialised != CKR_CRYPTOKI_ALREADY_INITIALIZED) return;
    owned_ = initialised == CKR_OK;
    functions_ = list;
  }
  ~Module() {
    if (functions_ != nullptr && owned_) functions_->C_Finalize(nullptr);
    if (handle_ != nullptr) ::dlclose(handle_);
  }
  Module(const Module&) = delete;
  Module& operator=(const Module&) = delete;
  [[nodiscard]] CK_FUNCTION_LIST_PTR functions() const { return functions_; }

 private:
  void* handle_;
  CK_FUNCTION_LIST_PTR functions_ = nullptr;
  bool owned_ = false;
};

// A blank-padded PKCS#11 text field, trimmed.
std::string field_text(const unsigned char* text, std::size_t size) {
  std::string out(reinterpret_cast<const char*>(text), size);
  out.erase(out.find_last_not_of(' ') + 1);
  return out;
}

bool matches(const Pkcs11Uri& uri, const CK_TOKEN_INFO& info) {
  const auto same = [](const std::string& wanted, const auto& field) {
    return wanted.empty() || wanted == field_text(field, sizeof field);
  };
  return (info.flags & CKF_TOKEN_INITIALIZED) != 0 && same(uri.token, info.label) &&
         same(uri.manufacturer, info.manufacturerID) && same(uri.serial, info.serialNumber) &&
         same(uri.model, info.model);
}

// Every certificate object on `slot`'s token (public objects need no login).
std::optional<std::vector<Certificate>> certificates_on(CK_FUNCTION_LIST_PTR p11, CK_SLOT_ID slot) {
  CK_SESSION_HANDLE session = 0;
  if (p11->C_OpenSession(slot, CKF_SERIAL_SESSION, nullptr, nullptr, &session) != CKR_OK) return std::nullopt;
  CK_OBJECT_CLASS kind = CKO_CERTIFICATE;
  CK_ATTRIBUTE wanted = {CKA_CLASS, &kind, sizeof kind};
  std::vector<CK_OBJECT_HANDLE> objects;
  bool listed = p11->C_FindObjectsInit(session, &wanted, 1) == CKR_OK;
  for (CK_OBJECT_HANDLE found[16]; listed;) {
    CK_ULONG count = 0;
    listed = p11->C_FindObjects(session, found, 16, &count) == CKR_OK;
    if (!listed || count == 0) break;
    objects.insert(objects.end(), found, found + count);
  }
  p11->C_FindObjectsFinal(session);
  std::optional<std::vector<Certificate>> out;
  if (listed) {
    out.emplace();
    for (const CK_OBJECT_HANDLE object : objects) {
      CK_ATTRIBUTE value = {CKA_VALUE, nullptr, 0};
      if (p11->C_GetAttributeValue(session, object, &value, 1) != CKR_OK || value.ulValueLen == kUnavailable) continue;
      Bytes der(value.ulValueLen, '\0');
      value.pValue = der.data();
      if (p11->C_GetAttributeValue(session, object, &value, 1) != CKR_OK) continue;
      der.resize(value.ulValueLen);
      for (auto& certificate : read_certificates(der)) out->push_back(std::move(certificate));
    }
  }
  p11->C_CloseSession(session);
  return out;
}

// The certificates on the one token the URI names, listed through the module itself (the engine lists none).
std::optional<std::vector<Certificate>> token_certificates(const Pkcs11Uri& uri, const std::string& module,
                                                           bool& pin_locked, TokenProblem& problem) {
  const Module opened(module);
  CK_FUNCTION_LIST_PTR p11 = opened.functions();
  CK_ULONG count = 0;
  std::vector<CK_SLOT_ID> slots;
  if (p11 == nullptr || p11->C_GetSlotList(CK_TRUE, nullptr, &count) != CKR_OK) {
    problem = TokenProblem::module_unusable;
    return std::nullopt;
  }
  slots.resize(count);
  if (count > 0 && p11->C_GetSlotList(CK_TRUE, slots.data(), &count) != CKR_OK) {
    problem = TokenProblem::module_unusable;
    return std::nullopt;
  }
  slots.resize(count);
  std::optional<CK_SLOT_ID> found;
  std::size_t matching = 0;
  for (const CK_SLOT_ID slot : slots) {
    CK_TOKEN_INFO info{};
    if (p11->C_GetTokenInfo(slot, &info) != CKR_OK || !matches(uri, info)) continue;
    found = slot;
    pin_locked = (info.flags & CKF_USER_PIN_LOCKED) != 0;
    ++matching;
  }
  if (matching != 1) {
    problem = matching == 0 ? TokenProblem::token_missing : TokenProblem::token_ambiguous;
    return std::nullopt;
  }
  auto certificates = certificates_on(p11, *found);
  if (!certificates) problem = TokenProblem::token_failed;
  return certificates;
}

// Why the engine found no key, from the PKCS#11 reasons libp11 queued (libraries registered at run time only).
TokenProblem failure_reason(const PinContext& pin) {
  std::optional<TokenProblem> found;
  unsigned long code = 0;
  while ((code = ERR_get_error()) != 0) {
    if (ERR_GET_LIB(code) < ERR_LIB_USER) continue;
    const auto reason = static_cast<CK_RV>(ERR_GET_REASON(code));
    if (reason == CKR_PIN_INCORRECT || reason == CKR_PIN_INVALID || reason == CKR_PIN_LEN_RANGE)
      found = TokenProblem::pin_wrong;
    else if (reason == CKR_PIN_LOCKED) found = TokenProblem::pin_locked;
    else if (std::find(std::begin(kTokenGone), std::end(kTokenGone), reason) != std::end(kTokenGone))
      found = TokenProblem::token_failed;
  }
  if (found) return *found;
  if (pin.missing) return TokenProblem::pin_missing;
  if (pin.unusable) return TokenProblem::pin_wrong;
  return TokenProblem::key_missing;
}

}  // namespace

std::optional<Pkcs11Uri> parse_pkcs11_uri(std::string_view text, UriProblem& problem) {
  constexpr std::string_view kScheme = "pkcs11:";
  if (text.substr(0, kScheme.size()) != kScheme) {
    problem = UriProblem::not_pkcs11;
    return std::nullopt;
  }
  Pkcs11Uri uri;
  std::vector<std::string> seen;
  std::string_view rest = text.substr(kScheme.size());
  while (!rest.empty()) {
    const std::size_t end = rest.find_first_of(";?&");
    const std::string_view attribute = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    if (attribute.empty()) continue;
    const std::size_t equals = attribute.find('=');
    if (equals == std::string_view::npos) {
      problem = UriProblem::malformed;
      return std::nullopt;
    }
    const std::string name(attribute.substr(0, equals));
    const auto value = percent_decode(attribute.substr(equals + 1));
    if (!value || std::find(seen.begin(), seen.end(), name) != seen.end()) {
      problem = UriProblem::malformed;
      return std::nullopt;
    }
    seen.push_back(name);
    if (name == "pin-value" || name == "pin-source") {
      problem = UriProblem::carries_pin;
      return std::nullopt;
    }
    if (name == "token") uri.token = *value;
    else if (name == "manufacturer") uri.manufacturer = *value;
    else if (name == "serial") uri.serial = *value;
    else if (name == "model") uri.model = *value;
    else if (name == "object") uri.object = *value;
    else if (name == "id") uri.id = *value;
    else if (name == "type" || name == "object-type") {
      if (*value != "private" && *value != "cert") {
        problem = UriProblem::malformed;
        return std::nullopt;
      }
    } else {
      problem = UriProblem::unknown_attribute;
      return std::nullopt;
    }
  }
  return uri;
}

std::optional<TokenContents> open_token(const Pkcs11Uri& uri, const std::string& module, const PassphraseSource& pin,
                                        TokenProblem& problem) {
  bool pin_locked = false;
  auto certificates = token_certificates(uri, module, pin_locked, problem);
  if (!certificates) return std::nullopt;
  if (pin_locked) {
    // Asking for a PIN the token will refuse anyway would only confuse.
    problem = TokenProblem::pin_locked;
    return std::nullopt;
  }
  auto session = std::make_shared<TokenSession>();
  session->pin.source = pin;
  session->engine = ENGINE_by_id("pkcs11");
  if (session->engine == nullptr) {
    ERR_clear_error();
    problem = TokenProblem::engine_missing;
    return std::nullopt;
  }
  session->ui = UI_create_method("vanban PKCS#11 PIN");
  if (session->ui == nullptr || UI_method_set_reader(session->ui, read_pin) != 0) fail("UI_create_method");
  // Quiet: libp11 would print its own English messages to stderr; the problem is reported by the caller. The PIN
  // prompt and its data serve the key's load and any context-specific login when it signs.
  if (ENGINE_ctrl_cmd_string(session->engine, "MODULE_PATH", module.c_str(), 0) != 1 ||
      ENGINE_ctrl_cmd_string(session->engine, "QUIET", nullptr, 0) != 1 ||
      ENGINE_ctrl_cmd(session->engine, "SET_USER_INTERFACE", 0, session->ui, nullptr, 0) != 1 ||
      ENGINE_ctrl_cmd(session->engine, "SET_CALLBACK_DATA", 0, &session->pin, nullptr, 0) != 1 ||
      ENGINE_init(session->engine) != 1) {
    ERR_clear_error();
    problem = TokenProblem::module_unusable;
    return std::nullopt;
  }
  session->initialised = true;
  EVP_PKEY* key = ENGINE_load_private_key(session->engine, engine_uri(uri).c_str(), session->ui, &session->pin);
  if (key == nullptr) {
    problem = failure_reason(session->pin);
    ERR_clear_error();
    return std::nullopt;
  }
  session->pin.accepted = true;
  // libp11 0.4.12 gives the key a reference to the engine, and keeps the key: the engine would never finish (its module
  // initialised and the token logged in for the life of the process). The key signs through libp11's own methods
  // without it; the session's reference keeps the engine up while the key lives.
  if (EVP_PKEY_set1_engine(key, nullptr) != 1) fail("EVP_PKEY_set1_engine");
  ERR_clear_error();
  auto impl = std::make_shared<PrivateKey::Impl>();
  impl->token = session;
  impl->key.reset(key);
  return TokenContents{PrivateKey(std::move(impl)), std::move(*certificates)};
}

}  // namespace vanban::crypto
