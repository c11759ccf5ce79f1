#pragma once

#include <array>
#include <string_view>

// Option values the generator writes. They must exist in samples/apps/*.json; the seed unit
// tests validate every generated record against those files, so a typo here fails a test.
namespace teichaku::seed::vocab {

// 依頼区分, in option order.
inline constexpr std::array<std::string_view, 5> kRequestKinds{
    "特別調整", "一般調整", "相談支援（出所者等）", "相談支援（被疑者等）", "被疑者等支援"};
inline constexpr std::size_t kSpecial = 0;
inline constexpr std::size_t kGeneral = 1;
inline constexpr std::size_t kConsultReleased = 2;
inline constexpr std::size_t kConsultSuspect = 3;
inline constexpr std::size_t kSuspectSupport = 4;

inline constexpr std::string_view kCoordination = "コーディネート";
inline constexpr std::string_view kFollowUp = "フォローアップ";
inline constexpr std::string_view kConsultation = "相談支援";
inline constexpr std::string_view kEnded = "支援終了";

inline constexpr std::array<std::string_view, 3> kSexes{"男性", "女性", "その他"};
inline constexpr std::array<std::string_view, 3> kPresence{"有", "無", "疑い"};

// 移行先 形態 (domain.md §1.6 suggested list) and the 現在の居所 category each one implies.
struct Destination {
  std::string_view form;
  std::string_view residence;
  bool facility;  // has a facility name (homes and flats get none: that would be an address)
};
inline constexpr std::array<Destination, 23> kDestinations{{
    {"特別養護老人ホーム", "高齢者施設", true},
    {"養護老人ホーム", "高齢者施設", true},
    {"軽費老人ホーム・ケアハウス", "高齢者施設", true},
    {"有料老人ホーム", "高齢者施設", true},
    {"サービス付き高齢者向け住宅", "高齢者施設", true},
    {"認知症グループホーム", "高齢者施設", true},
    {"障害者支援施設", "障害者施設等", true},
    {"共同生活援助（グループホーム）", "障害者施設等", true},
    {"宿泊型自立訓練", "障害者施設等", true},
    {"福祉ホーム", "障害者施設等", true},
    {"救護施設", "保護施設等", true},
    {"更生施設", "保護施設等", true},
    {"無料低額宿泊所・日常生活支援住居施設", "保護施設等", true},
    {"更生保護施設", "更生保護施設", true},
    {"自立準備ホーム", "自立準備ホーム", true},
    {"自立更生促進センター", "更生保護施設", true},
    {"精神科病院", "病院", true},
    {"一般病院", "病院", true},
    {"自宅", "自宅", false},
    {"親族宅", "親族宅", false},
    {"アパート（民間賃貸）", "アパート", false},
    {"公営住宅", "公営住宅", false},
    {"その他・不明", "その他・不明", false},
}};
// Weights over kDestinations: the first placement after release, and later moves.
inline constexpr std::array<unsigned, 23> kFirstDestinationWeights{
    6, 3, 1, 2, 2, 3, 8, 10, 2, 1, 8, 2, 5, 14, 6, 1, 4, 2, 2, 3, 4, 1, 2};
inline constexpr std::array<unsigned, 23> kLaterDestinationWeights{
    6, 2, 2, 3, 4, 3, 6, 12, 1, 2, 3, 1, 3, 1, 1, 0, 3, 2, 4, 4, 12, 5, 3};
inline constexpr std::array<std::string_view, 8> kFacilityNames{
    "あおば", "さくら", "ひかり", "みどり", "つばさ", "ひだまり", "すずらん", "あさひ"};

inline constexpr std::array<std::string_view, 4> kCommunityResidences{"自宅", "親族宅", "アパート",
                                                                      "その他・不明"};

inline constexpr std::array<std::string_view, 12> kOffences{
    "窃盗", "詐欺",     "住居侵入",         "傷害",
    "暴行", "器物損壊", "覚醒剤取締法違反", "無銭飲食（詐欺）",
    "放火", "強盗",     "公然わいせつ",     "道路交通法違反"};
inline constexpr std::array<unsigned, 12> kOffenceWeights{40, 12, 8, 6, 5, 5, 7, 6, 2, 2, 3, 4};
inline constexpr std::array<std::string_view, 3> kDrugs{"覚醒剤", "大麻", "危険ドラッグ"};
inline constexpr std::array<std::string_view, 4> kAddictions{"アルコール", "ギャンブル", "窃盗症",
                                                             "薬物"};

inline constexpr std::array<std::string_view, 7> kFollowUpEndReasons{
    "地域生活への定着", "本人の希望", "再犯", "死亡", "他県へ移管", "連絡不通", "その他"};
inline constexpr std::array<unsigned, 7> kFollowUpEndWeights{50, 12, 10, 6, 8, 8, 6};
inline constexpr std::size_t kReoffence = 2;

inline constexpr std::array<std::string_view, 8> kConsentRecipients{
    "保護観察所", "他県の地域生活定着支援センター",
    "市区町村",   "福祉施設・事業所",
    "医療機関",   "更生保護施設",
    "弁護士",     "その他"};

inline constexpr std::array<std::string_view, 3> kRecordKinds{"支援記録", "面談記録",
                                                              "電話調整連絡"};
inline constexpr std::string_view kImportant = "重要な情報";
inline constexpr std::string_view kRoutine = "通常の記録";
inline constexpr std::string_view kAcquired = "取得情報";
inline constexpr std::string_view kMoved = "移行情報";
inline constexpr std::string_view kClosed = "終了情報";

inline constexpr std::array<std::string_view, 3> kShareKinds{"事前共有", "支援業務協力依頼",
                                                             "結果通知"};
inline constexpr std::array<std::string_view, 6> kShareStates{"下書き", "送信", "受領確認",
                                                              "受諾",   "辞退", "終了"};
inline constexpr std::string_view kDestinationConfirmed = "送信先センターを確認しました";

inline constexpr std::array<std::string_view, 3> kTaskStates{"未着手", "対応中", "完了"};

inline constexpr std::array<std::string_view, 5> kReportStates{"生成中", "生成済", "提出済",
                                                               "差戻し", "エラー"};

}  // namespace teichaku::seed::vocab
