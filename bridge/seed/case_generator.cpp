#include "seed/case_generator.h"

#include <algorithm>
#include <string>
#include <vector>

#include "seed/centres.h"
#include "seed/names.h"
#include "seed/prng.h"
#include "seed/record_json.h"
#include "seed/staff.h"
#include "seed/vocabulary.h"

namespace teichaku::seed {

namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

// 被疑者等支援業務 started in FY2021 (domain.md §1.1), so no such request predates it.
constexpr Date kSuspectSupportStart{year{2021}, month{4}, day{1}};
constexpr std::size_t kCanaryEvery = 50;

template <typename T, std::size_t N>
const T& pickFrom(Prng& prng, const std::array<T, N>& items) {
  return prng.pick(std::span<const T>(items));
}

std::string str(std::string_view text) {
  return std::string(text);
}

// Prefecture without its 都/府/県 suffix (each suffix is one 3-byte UTF-8 kanji).
std::string prefectureStem(const Centre& centre) {
  if (centre.prefecture == "北海道") {
    return str(centre.prefecture);
  }
  return str(centre.prefecture.substr(0, centre.prefecture.size() - 3));
}

struct Transfer {
  Date date;
  const vocab::Destination* destination;
  std::string facilityName;
};

struct Acquisition {
  std::string_view kind;
  Date date;
  std::string grade;
};

// Everything about one case that its records, tasks and shares also need.
struct CaseFacts {
  std::string number;
  const Centre* centre = nullptr;
  const Centre* otherCentre = nullptr;  // 他県 partner, if any
  bool requestedOtherCentre = false;    // true: we asked them; false: they asked us
  std::size_t kind = 0;
  Date request{};
  Date lastActivity{};                 // end of support, or the base date while it is open
  std::string staff;                   // 担当者 login
  std::optional<Date> plannedRelease;  // end of coordination = release (may be after base)
  std::optional<Date> coordinationEnd;
  std::optional<Date> followUpStart;
  std::optional<Date> followUpEnd;
  std::optional<Date> supportEnd;
  std::vector<Transfer> transfers;
  std::vector<Acquisition> acquisitions;
  bool canary = false;
  std::string canaryName;
};

bool isCoordinationKind(std::size_t kind) {
  return kind == vocab::kSpecial || kind == vocab::kGeneral || kind == vocab::kSuspectSupport;
}
bool isSuspectKind(std::size_t kind) {
  return kind == vocab::kConsultSuspect || kind == vocab::kSuspectSupport;
}

Date firstRequestDate(const SeedOptions& options, std::size_t kind) {
  const Date start{year{fiscalYear(options.baseDate) - 5}, month{4}, day{1}};
  if (isSuspectKind(kind) &&
      std::chrono::sys_days{start} < std::chrono::sys_days{kSuspectSupportStart}) {
    return kSuspectSupportStart;
  }
  return start;
}

Date randomDateIn(Prng& prng, Date from, Date to) {
  const int span = std::max(0, daysBetween(from, to));
  return addDays(from, static_cast<int>(prng.between(0, span)));
}

bool after(Date a, Date b) {
  return std::chrono::sys_days{a} > std::chrono::sys_days{b};
}

Date birthDate(Prng& prng, Date request, int age) {
  // About 1.5% are born on 29 February, so leap-day age and 年齢 logic always get exercised.
  if (prng.chance(15)) {
    int birthYear = static_cast<int>(request.year()) - age - 1;
    birthYear -= birthYear % 4;  // years here are 1920..2010, where every 4th year is leap
    return Date{year{birthYear}, month{2}, day{29}};
  }
  return addDays(request, -(age * 365 + age / 4 + static_cast<int>(prng.below(365))));
}

int pickAge(Prng& prng) {
  static constexpr std::array<unsigned, 5> kBandWeights{6, 18, 26, 28, 22};
  static constexpr std::array<std::array<int, 2>, 5> kBands{
      {{18, 29}, {30, 49}, {50, 64}, {65, 74}, {75, 94}}};
  const auto& band = kBands[prng.weighted(kBandWeights)];
  return static_cast<int>(prng.between(band[0], band[1]));
}

// 有 / 無 / 疑い with the given per-mille chances of 有 and 疑い.
std::string_view presence(Prng& prng, unsigned yes, unsigned suspected) {
  const auto roll = static_cast<unsigned>(prng.below(1000));
  if (roll < yes) {
    return vocab::kPresence[0];
  }
  return roll < yes + suspected ? vocab::kPresence[2] : vocab::kPresence[1];
}

struct Disability {
  std::string_view field;
  std::string_view presence;
  bool handbook = false;
  std::string grade;
};

void writeDisability(RecordJson& record, const Disability& disability) {
  const std::string field{disability.field};
  record.text(field, disability.presence);
  record.text(field + "_手帳", disability.handbook ? "有" : "無");
  if (disability.handbook) {
    record.text(field + "_等級", disability.grade);
  }
}

std::string grade(Prng& prng, std::string_view field) {
  if (field == "知的障害") {
    static constexpr std::array<std::string_view, 4> kRyoiku{"A1", "A2", "B1", "B2"};
    return str(pickFrom(prng, kRyoiku));
  }
  const int maxGrade = field == "身体障害" ? 6 : 3;
  return std::to_string(prng.between(1, maxGrade)) + "級";
}

std::string_view handbookOf(std::string_view field) {
  if (field == "身体障害") {
    return "身体障害者手帳";
  }
  return field == "知的障害" ? "療育手帳" : "精神障害者保健福祉手帳";
}

std::vector<std::string> offences(Prng& prng) {
  std::vector<std::string> picked;
  const auto count =
      static_cast<std::size_t>(prng.weighted(std::array<unsigned, 3>{60, 30, 10}) + 1);
  while (picked.size() < count) {
    std::string offence{vocab::kOffences[prng.weighted(vocab::kOffenceWeights)]};
    if (std::find(picked.begin(), picked.end(), offence) == picked.end()) {
      picked.push_back(std::move(offence));
    }
  }
  return picked;
}

void planTimeline(Prng& prng, const SeedOptions& options, CaseFacts& facts) {
  const Date base = options.baseDate;
  if (!isCoordinationKind(facts.kind)) {
    const Date end = addDays(facts.request, static_cast<int>(prng.between(7, 500)));
    if (after(base, end)) {
      facts.supportEnd = end;
    }
    return;
  }
  const int coordinationDays = facts.kind == vocab::kSuspectSupport
                                   ? static_cast<int>(prng.between(10, 60))
                                   : static_cast<int>(prng.between(45, 300));
  const Date coordinationEnd = addDays(facts.request, coordinationDays);
  facts.plannedRelease = coordinationEnd;
  if (!after(base, coordinationEnd)) {
    return;
  }
  facts.coordinationEnd = coordinationEnd;
  if (prng.chance(200)) {  // withdrawn, died, or no follow-up wanted
    facts.supportEnd = coordinationEnd;
    return;
  }
  facts.followUpStart = coordinationEnd;
  const Date followUpEnd = addDays(coordinationEnd, static_cast<int>(prng.between(60, 1100)));
  if (after(base, followUpEnd)) {
    facts.followUpEnd = followUpEnd;
    facts.supportEnd = followUpEnd;
  }
  const Date lastMove = facts.followUpEnd ? *facts.followUpEnd : base;
  Date moveDate = coordinationEnd;
  const auto moves = 1 + prng.weighted(std::array<unsigned, 5>{40, 30, 15, 10, 5});
  for (std::size_t m = 0; m < moves && !after(moveDate, lastMove); ++m) {
    const auto& weights =
        m == 0 ? vocab::kFirstDestinationWeights : vocab::kLaterDestinationWeights;
    const auto& destination = vocab::kDestinations[prng.weighted(weights)];
    std::string name;
    if (destination.facility) {
      name = str(destination.form) + str(pickFrom(prng, vocab::kFacilityNames));
    }
    facts.transfers.push_back({moveDate, &destination, std::move(name)});
    moveDate = addDays(moveDate, static_cast<int>(prng.between(30, 400)));
  }
}

void addAcquisition(Prng& prng, CaseFacts& facts, Date base, std::string_view kind,
                    std::string grade) {
  const Date date = addDays(facts.request, static_cast<int>(prng.between(10, 240)));
  if (after(base, date) && !after(date, facts.lastActivity)) {
    facts.acquisitions.push_back({kind, date, std::move(grade)});
  }
}

std::string caseRecord(Prng& prng, const SeedOptions& options, CaseFacts& facts) {
  const Date base = options.baseDate;
  const int age = pickAge(prng);
  const Date birth = birthDate(prng, facts.request, age);
  const auto sex = prng.weighted(std::array<unsigned, 3>{85, 14, 1});
  PersonName name = makeName(prng, sex == 1 ? NameStyle::kFemale : NameStyle::kMale);

  std::vector<Disability> disabilities{{"身体障害", presence(prng, 100, 30), false, ""},
                                       {"知的障害", presence(prng, 250, 80), false, ""},
                                       {"精神障害", presence(prng, 250, 80), false, ""},
                                       {"発達障害", presence(prng, 80, 60), false, ""}};
  const bool anyDisability = std::any_of(disabilities.begin(), disabilities.end(),
                                         [](const Disability& d) { return d.presence != "無"; });
  // Every case meets the programme's first condition: elderly or disabled (domain.md §1.2).
  if (age < 65 && !anyDisability) {
    disabilities[prng.chance(500) ? 1 : 2].presence = vocab::kPresence[0];
  }
  for (auto& disability : disabilities) {
    if (disability.presence == "有" && disability.field != "発達障害" && prng.chance(600)) {
      disability.handbook = true;
      disability.grade = grade(prng, disability.field);
    }
  }
  const auto dementia = age >= 65 ? presence(prng, 150, 100) : presence(prng, 10, 0);
  const auto addiction = presence(prng, 120, 50);
  planTimeline(prng, options, facts);
  facts.lastActivity = facts.supportEnd ? *facts.supportEnd : base;

  const bool custodial = !isSuspectKind(facts.kind) && facts.kind != vocab::kConsultReleased;
  RecordJson record;
  record.text("ケース番号", facts.number);
  record.text("管理センター", facts.centre->name);
  record.entities("閲覧組織", {str(facts.centre->organization)});
  record.entities("担当者", {facts.staff});
  record.text("氏名", facts.canary ? *options.canary : name.full());
  record.text("ふりがな", name.fullKana());
  record.date("生年月日", birth);
  record.text("性別", vocab::kSexes[sex]);
  record.date("依頼日", facts.request);
  record.date("支援開始日",
              std::min(addDays(facts.request, static_cast<int>(prng.between(0, 10))), base));
  record.text("依頼区分", vocab::kRequestKinds[facts.kind]);
  if (facts.otherCentre && !facts.requestedOtherCentre) {
    record.text("依頼元", "他県センター");
  } else if (isCoordinationKind(facts.kind)) {
    record.text("依頼元", "保護観察所");
  } else {
    static constexpr std::array<std::string_view, 4> kConsultSources{"本人", "関係者", "保護観察所",
                                                                     "その他"};
    record.text("依頼元", pickFrom(prng, kConsultSources));
  }
  std::string_view status = vocab::kConsultation;
  if (facts.supportEnd) {
    status = vocab::kEnded;
  } else if (facts.followUpStart) {
    status = vocab::kFollowUp;
  } else if (isCoordinationKind(facts.kind)) {
    status = vocab::kCoordination;
  }
  record.text("現在の状況", status);
  std::string_view intakeResidence = isSuspectKind(facts.kind) ? "刑事収容施設" : "矯正施設";
  if (facts.kind == vocab::kConsultReleased || facts.kind == vocab::kConsultSuspect) {
    intakeResidence = pickFrom(prng, vocab::kCommunityResidences);
  }
  record.text("現在の居所", facts.transfers.empty()
                                ? intakeResidence
                                : facts.transfers.back().destination->residence);
  for (const auto& disability : disabilities) {
    writeDisability(record, disability);
  }
  if (disabilities[0].presence != "無") {
    static constexpr std::array<std::string_view, 4> kParts{"下肢", "上肢", "視覚", "聴覚"};
    record.text("身体障害_部位", pickFrom(prng, kParts));
  }
  if (disabilities[2].presence != "無") {
    static constexpr std::array<std::string_view, 4> kDiagnoses{"統合失調症", "うつ病",
                                                                "双極性障害", "不安障害"};
    record.text("精神障害_診断", pickFrom(prng, kDiagnoses));
  }
  if (disabilities[3].presence != "無") {
    record.text("発達障害_診断", prng.chance(500) ? "自閉スペクトラム症" : "注意欠如・多動症");
  }
  record.text("認知症", dementia);
  if (dementia == "有") {
    record.text("認知症_診断", prng.chance(600) ? "アルツハイマー型認知症" : "血管性認知症");
  }
  if (prng.chance(80)) {
    record.text("薬物_名称", pickFrom(prng, vocab::kDrugs));
    static constexpr std::array<std::array<std::string_view, 2>, 3> kDrugHistory{
        {{"今犯", ""}, {"前歴", ""}, {"今犯", "前歴"}}};
    const auto& history = pickFrom(prng, kDrugHistory);
    std::vector<std::string> values{str(history[0])};
    if (!history[1].empty()) {
      values.push_back(str(history[1]));
    }
    record.choices("薬物_区分", values);
  }
  record.text("依存", addiction);
  if (addiction != "無") {
    record.text("依存_名称", pickFrom(prng, vocab::kAddictions));
  }
  std::vector<std::string> involved{str(facts.centre->name)};
  if (facts.otherCentre) {
    involved.push_back(str(facts.otherCentre->name));
  }
  record.choices("関与センター", involved);
  const auto crimes = offences(prng);
  for (std::size_t c = 0; c < crimes.size(); ++c) {
    record.text("罪名" + std::to_string(c + 1), crimes[c]);
  }
  const Date offenceDate = addDays(
      facts.request, -static_cast<int>(custodial ? prng.between(90, 900) : prng.between(3, 20)));
  if (custodial) {
    record.number("CAPAS", prng.between(40, 110));
    const auto admissions = static_cast<std::int64_t>(
        1 + prng.weighted(std::array<unsigned, 8>{30, 20, 15, 10, 8, 7, 5, 5}));
    record.number("入所度数", admissions);
    record.text("矯正施設",
                prefectureStem(*facts.centre) + (prng.chance(850) ? "刑務所" : "拘置所"));
    if (admissions >= 2) {
      record.date("前刑出所日", addDays(offenceDate, -static_cast<int>(prng.between(30, 1500))));
    }
    record.date("今刑犯行日", offenceDate);
    // Coordination ends on release; on parole the term runs on (domain.md §1.5: for 仮釈放
    // 刑期終了日 >= 釈放日, for 満期 they are the same day). Most 特別調整 subjects leave at the
    // end of their term (domain.md §1.2).
    const bool parole = prng.chance(facts.kind == vocab::kSpecial ? 100 : 300);
    const Date release = *facts.plannedRelease;
    record.date("刑期終了日",
                parole ? addDays(release, static_cast<int>(prng.between(20, 300))) : release);
    record.text("仮釈放", parole ? "有" : "無");
    if (parole) {
      record.date("仮釈放日", release);
    }
    if (!after(release, base)) {
      record.date("釈放日", release);
      record.text("釈放事由", parole ? "仮釈放" : "満期");
    }
  } else {
    record.number("入所度数",
                  isSuspectKind(facts.kind) ? 0 : 1 + static_cast<std::int64_t>(prng.below(4)));
    record.text("仮釈放", "無");
    if (isSuspectKind(facts.kind)) {
      record.text("矯正施設", prefectureStem(*facts.centre) + "中央警察署");
      record.date("今刑犯行日", offenceDate);
    }
    if (facts.kind == vocab::kConsultReleased) {
      record.date("釈放日", addDays(facts.request, -static_cast<int>(prng.between(10, 700))));
      record.text("釈放事由", prng.chance(800) ? "満期" : "仮釈放");
    } else if (facts.kind == vocab::kSuspectSupport && !after(*facts.plannedRelease, base)) {
      static constexpr std::array<std::string_view, 4> kOutcomes{"起訴猶予・不起訴", "執行猶予判決",
                                                                 "罰金", "その他"};
      static constexpr std::array<unsigned, 4> kOutcomeWeights{40, 40, 15, 5};
      record.date("釈放日", *facts.plannedRelease);
      record.text("釈放事由", kOutcomes[prng.weighted(kOutcomeWeights)]);
    }
  }
  record.text("相談時の居所", intakeResidence);
  static constexpr std::array<std::string_view, 4> kHistories{
      "生活歴は面談で聴取中。", "就労経験あり。単身生活が長い。", "親族との交流は少ない。",
      "福祉サービスの利用歴なし。"};
  record.text("生活歴", pickFrom(prng, kHistories));
  const Date consent =
      std::min(addDays(facts.request, static_cast<int>(prng.between(0, 14))), base);
  record.date("個人情報使用同意日", consent);
  std::vector<std::string> recipients;
  for (std::size_t r = 0; r < vocab::kConsentRecipients.size(); ++r) {
    const bool needed = (r == 0 && isCoordinationKind(facts.kind)) || (r == 1 && facts.otherCentre);
    if (needed || prng.chance(400)) {
      recipients.push_back(str(vocab::kConsentRecipients[r]));
    }
  }
  record.choices("情報提供同意先", recipients);
  if (isCoordinationKind(facts.kind)) {
    record.text("他県依頼受託状況", !facts.otherCentre           ? "なし"
                                    : facts.requestedOtherCentre ? "他県へ依頼"
                                                                 : "他県から受託");
  }
  record.date("コーディネート終了日", facts.coordinationEnd);
  record.date("フォローアップ開始日", facts.followUpStart);
  if (!facts.transfers.empty()) {
    record.beginTable("移行先");
    for (const auto& transfer : facts.transfers) {
      record.beginRow();
      record.date("移行日", transfer.date);
      record.text("移行形態", transfer.destination->form);
      record.text("移行先名称", transfer.facilityName);
      record.endRow();
    }
    record.endTable();
  }
  if (facts.followUpEnd) {
    record.date("フォローアップ終了日", facts.followUpEnd);
    const auto reason = prng.weighted(vocab::kFollowUpEndWeights);
    record.text("フォローアップ終了理由", vocab::kFollowUpEndReasons[reason]);
    if (reason == vocab::kReoffence) {
      record.date("再犯日", addDays(*facts.followUpEnd, -static_cast<int>(prng.between(0, 30))));
      record.text("再犯罪名", vocab::kOffences[prng.weighted(vocab::kOffenceWeights)]);
    }
  }
  record.date("支援終了日", facts.supportEnd);

  for (const auto& disability : disabilities) {
    if (disability.presence == "有" && disability.handbook && prng.chance(400)) {
      addAcquisition(prng, facts, base, handbookOf(disability.field), disability.grade);
    }
  }
  if (prng.chance(300)) {
    addAcquisition(prng, facts, base, "障害福祉サービス受給者証", "");
  }
  if (prng.chance(200)) {
    addAcquisition(prng, facts, base, "障害支援区分", "区分" + std::to_string(prng.between(1, 6)));
  }
  if (age >= 65 && prng.chance(350)) {
    addAcquisition(prng, facts, base, "介護保険", "要介護" + std::to_string(prng.between(1, 5)));
  }
  if (prng.chance(400)) {
    addAcquisition(prng, facts, base, "生活保護", "");
  }
  if (prng.chance(100)) {
    addAcquisition(prng, facts, base, "障害年金", std::to_string(prng.between(1, 2)) + "級");
  }
  if (age >= 65 && prng.chance(200)) {
    addAcquisition(prng, facts, base, "老齢基礎年金", "");
  }
  if (prng.chance(30)) {
    addAcquisition(prng, facts, base, "その他の年金", "");
  }
  if (!facts.acquisitions.empty()) {
    record.beginTable("取得状況");
    for (const auto& acquisition : facts.acquisitions) {
      record.beginRow();
      record.text("取得種別", acquisition.kind);
      record.date("取得日", acquisition.date);
      record.text("等級区分", acquisition.grade);
      record.endRow();
    }
    record.endTable();
  }
  return record.finish();
}

std::string supportRecord(const CaseFacts& facts, Date date, std::string_view kind,
                          std::string_view importance, const std::string& text,
                          const std::string& recorder) {
  RecordJson record;
  record.text("対象者番号", facts.number);
  record.entities("閲覧組織", {str(facts.centre->organization)});
  record.date("記録日", date);
  record.text("区分1", kind);
  record.text("区分2", importance);
  record.text("記録内容", text);
  record.entities("記録者", {recorder});
  return record.finish();
}

void emitSupportRecords(Prng& prng, const CaseFacts& facts, const RecordSink& sink) {
  static constexpr std::array<unsigned, 3> kKindWeights{50, 30, 20};
  static constexpr std::array<std::string_view, 5> kRoutineTexts{
      "本人と面談し、生活状況と今後の希望を確認した。", "保護観察所と電話で今後の予定を調整した。",
      "関係機関と支援方針を協議した。", "受入候補先の見学日程を調整した。",
      "福祉事務所へ相談し、必要書類を確認した。"};
  static constexpr std::array<std::string_view, 3> kImportantTexts{
      "受入先の内諾を得た。関係機関に共有する。", "体調に変化あり。医療機関の受診を調整する。",
      "釈放予定日が変更になった。"};
  const auto recorder = [&] {
    return prng.chance(800)
               ? facts.staff
               : staffLogin(*facts.centre, static_cast<int>(prng.between(1, kStaffPerCentre)));
  };
  const auto routineCount = 2 + prng.below(9);
  for (std::uint64_t r = 0; r < routineCount; ++r) {
    const Date date = randomDateIn(prng, facts.request, facts.lastActivity);
    const auto kind = vocab::kRecordKinds[prng.weighted(kKindWeights)];
    const bool important = prng.chance(150);
    std::string text{important ? pickFrom(prng, kImportantTexts) : pickFrom(prng, kRoutineTexts)};
    if (r == 0 && facts.canary) {
      text = "面談記録（" + facts.canaryName + "）" + text;
    }
    sink(App::kSupportRecords,
         supportRecord(facts, date, kind, important ? vocab::kImportant : vocab::kRoutine, text,
                       recorder()));
  }
  for (const auto& acquisition : facts.acquisitions) {
    sink(App::kSupportRecords, supportRecord(facts, acquisition.date, "支援記録", vocab::kAcquired,
                                             str(acquisition.kind) + "を取得した。", recorder()));
  }
  for (const auto& transfer : facts.transfers) {
    sink(App::kSupportRecords,
         supportRecord(facts, transfer.date, "支援記録", vocab::kMoved,
                       str(transfer.destination->form) + "へ移行した。", recorder()));
  }
  if (facts.coordinationEnd) {
    sink(App::kSupportRecords,
         supportRecord(facts, *facts.coordinationEnd, "支援記録", vocab::kClosed,
                       "コーディネートを終了した。", recorder()));
  }
  if (facts.supportEnd) {
    sink(App::kSupportRecords, supportRecord(facts, *facts.supportEnd, "支援記録", vocab::kClosed,
                                             "支援を終了した。", recorder()));
  }
}

struct TaskPlan {
  std::string_view task;
  std::string_view line;  // 業務区分
  Date due;
};

void emitTasks(Prng& prng, const SeedOptions& options, const CaseFacts& facts,
               const RecordSink& sink) {
  const Date base = options.baseDate;
  std::vector<TaskPlan> plans{{"初回面談", "共通", addDays(facts.request, 7)},
                              {"フェイスシート作成", "共通", addDays(facts.request, 14)}};
  const Date coordinationDue =
      facts.coordinationEnd ? *facts.coordinationEnd : addDays(facts.request, 120);
  if (facts.kind == vocab::kSpecial || facts.kind == vocab::kGeneral) {
    plans.push_back({"福祉サービス計画通知書", "コーディネート", addDays(facts.request, 30)});
    plans.push_back({"出所前の準備", "コーディネート", addDays(coordinationDue, -14)});
    plans.push_back({"結果通知書", "コーディネート", coordinationDue});
    if (facts.otherCentre && facts.requestedOtherCentre) {
      plans.push_back({"他県への支援業務協力依頼", "コーディネート", addDays(facts.request, 20)});
      plans.push_back(
          {"他県への支援業務協力依頼結果通知書", "コーディネート", addDays(facts.request, 60)});
    }
  } else if (facts.kind == vocab::kSuspectSupport) {
    plans.push_back({"福祉サービス計画通知書", "被疑者等支援", addDays(facts.request, 7)});
    plans.push_back({"結果通知書", "被疑者等支援", coordinationDue});
  } else {
    plans.push_back({"支援の同意書", "相談支援", addDays(facts.request, 7)});
  }
  for (std::size_t t = 1; t < facts.transfers.size(); ++t) {
    plans.push_back({"中間施設から帰住先への移行時の結果通知書", "フォローアップ",
                     addDays(facts.transfers[t].date, 14)});
  }
  for (const auto& plan : plans) {
    if (after(plan.due, addDays(base, 60))) {
      continue;  // not planned yet
    }
    const int overdue = daysBetween(plan.due, base);
    std::array<unsigned, 3> weights{70, 30, 0};  // due in the future
    if (overdue > 30) {
      weights = {1, 4, 95};
    } else if (overdue >= 0) {
      weights = {10, 30, 60};
    }
    const auto state = prng.weighted(weights);
    RecordJson record;
    record.text("対象者番号", facts.number);
    record.entities("閲覧組織", {str(facts.centre->organization)});
    record.text("タスク", plan.task);
    record.text("業務区分", plan.line);
    record.date("期限", plan.due);
    record.entities("タスク担当者", {facts.staff});
    record.text("タスク状況", vocab::kTaskStates[state]);
    if (state == 2) {
      record.date("完了日",
                  std::min(addDays(plan.due, -static_cast<int>(prng.between(0, 5))), base));
    }
    sink(App::kTasks, record.finish());
  }
}

void emitShare(Prng& prng, const SeedOptions& options, const CaseFacts& facts, std::size_t kind,
               const Centre& from, const Centre& to, Date created, const RecordSink& sink) {
  const Date base = options.baseDate;
  if (after(created, base)) {
    return;
  }
  // Target state: 下書き 送信 受領確認 受諾 辞退 終了 (BRIEF.md data model §4).
  static constexpr std::array<unsigned, 6> kStateWeights{4, 8, 8, 30, 5, 45};
  std::size_t state = prng.weighted(kStateWeights);
  // A state is only reached if its time is not after the base date.
  const Date sent = addDays(created, static_cast<int>(prng.between(0, 1)));
  const Date received = addDays(sent, static_cast<int>(prng.between(0, 2)));
  const Date answered = addDays(received, static_cast<int>(prng.between(1, 10)));
  const Date closed = addDays(answered, static_cast<int>(prng.between(5, 60)));
  if (state >= 1 && after(sent, base)) {
    state = 0;
  } else if (state >= 2 && after(received, base)) {
    state = 1;
  } else if (state >= 3 && after(answered, base)) {
    state = 2;
  } else if (state == 5 && after(closed, base)) {
    state = 3;
  }
  const bool confirmed = state >= 1 || prng.chance(500);
  RecordJson record;
  record.text("対象者番号", facts.number);
  record.entities("閲覧組織", {str(from.organization), str(to.organization)});
  record.text("送信元センター", from.name);
  record.text("送信先センター", to.name);
  record.text("共有種別", vocab::kShareKinds[kind]);
  record.text("共有内容",
              kind == 1 ? "支援業務協力依頼書を送付します。詳細は対象者レコードを参照してください。"
                        : "対象者レコードを共有します。");
  record.choices("送信先確認", confirmed
                                   ? std::vector<std::string>{str(vocab::kDestinationConfirmed)}
                                   : std::vector<std::string>{});
  record.text("共有状況", vocab::kShareStates[state]);
  record.entities("送信者", {staffLogin(from, static_cast<int>(prng.between(1, 8)))});
  if (state >= 2) {
    record.entities("受領者", {staffLogin(to, static_cast<int>(prng.between(1, 8)))});
  }
  if (state >= 1) {
    record.dateTime("送信日時", isoDateTimeJst(sent, 10, static_cast<int>(prng.below(60))));
  }
  if (state >= 2) {
    record.dateTime("受領日時", isoDateTimeJst(received, 14, static_cast<int>(prng.below(60))));
  }
  if (state >= 3) {
    record.dateTime("回答日時", isoDateTimeJst(answered, 16, static_cast<int>(prng.below(60))));
  }
  if (state == 5) {
    record.dateTime("終了日時", isoDateTimeJst(closed, 11, static_cast<int>(prng.below(60))));
  }
  sink(App::kShares, record.finish());
}

void emitShares(Prng& prng, const SeedOptions& options, const CaseFacts& facts,
                const RecordSink& sink) {
  if (!facts.otherCentre) {
    return;
  }
  const Centre& home = *facts.centre;
  const Centre& other = *facts.otherCentre;
  const Centre& requester = facts.requestedOtherCentre ? home : other;
  const Centre& helper = facts.requestedOtherCentre ? other : home;
  if (prng.chance(600)) {
    emitShare(prng, options, facts, 0, requester, helper,
              addDays(facts.request, static_cast<int>(prng.between(1, 5))), sink);
  }
  emitShare(prng, options, facts, 1, requester, helper,
            addDays(facts.request, static_cast<int>(prng.between(10, 30))), sink);
  if (facts.coordinationEnd) {
    emitShare(prng, options, facts, 2, helper, requester, *facts.coordinationEnd, sink);
  }
}

}  // namespace

void generateCase(const SeedOptions& options, std::size_t index, const RecordSink& sink) {
  Prng prng(streamSeed(options.seed, index));
  const auto all = centres();
  CaseFacts facts;
  facts.centre = &all[prng.below(all.size())];
  facts.kind = prng.weighted(std::array<unsigned, 5>{35, 20, 20, 10, 15});
  facts.request =
      randomDateIn(prng, firstRequestDate(options, facts.kind), addDays(options.baseDate, -1));
  char number[32];
  std::snprintf(number, sizeof number, "%s-%06zu", std::string(facts.centre->code).c_str(),
                index + 1);
  facts.number = number;
  facts.staff = staffLogin(*facts.centre, static_cast<int>(prng.between(1, 8)));
  if (isCoordinationKind(facts.kind)) {
    const auto roll = prng.below(100);
    if (roll < 25) {  // 他県への依頼 / 他県からの受託 (広域調整)
      const auto offset = 1 + prng.below(all.size() - 1);
      facts.otherCentre =
          &all[(static_cast<std::size_t>(facts.centre - all.data()) + offset) % all.size()];
      facts.requestedOtherCentre = roll < 15;
    }
  }
  facts.canary = options.canary && index % kCanaryEvery == 0;
  if (facts.canary) {
    facts.canaryName = *options.canary;
  }
  sink(App::kCases, caseRecord(prng, options, facts));
  emitSupportRecords(prng, facts, sink);
  emitTasks(prng, options, facts, sink);
  emitShares(prng, options, facts, sink);
}

}  // namespace teichaku::seed
