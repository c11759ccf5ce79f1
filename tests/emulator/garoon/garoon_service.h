#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "emulator/cybozu/json_io.h"
#include "emulator/cybozu/user_directory.h"
#include "emulator/garoon/garoon_config.h"
#include "emulator/garoon/notification_store.h"
#include "emulator/garoon/schedule_store.h"
#include "emulator/service.h"

// Garoon REST API (/g/api/v1/...) over the shared UserDirectory: external
// notifications, schedule events and base users/organizations
// (garoon-cybozu-api.md part A). Password auth only. Garoon IDs are the directory's
// garoonId values, never cybozu.com ids (A1 "Identifiers").
//
// Control API:
//   GET  /__emulator/garoon/notifications        every POST notification/items as
//        received: {"requests":[{sequence,receivedAt,caller,status,body}]}
//   GET  /__emulator/garoon/notifications/items  current stored notifications,
//        with recipients (Garoon ids) and hidden flag
//   POST /__emulator/garoon/reset                drops notifications and events
// reset() keeps the directory: the User API service owns and resets it.
namespace teichaku::emulator::garoon {

// Thrown inside the service to leave a handler with an error response.
struct GaroonError {
  int status = 400;
  std::string errorCode;
  std::string message;
};

class GaroonService : public Service {
 public:
  GaroonService(std::shared_ptr<cybozu::UserDirectory> directory, GaroonConfig config);

  bool owns(const Request& request) const override;
  Response handle(const Request& request) override;
  void reset() override;
  bool handleControl(const Request& request, Response& response) override;

  // One authenticated, parsed request; defined in garoon_support.h.
  struct Call;

 private:
  Response dispatch(Call& call);

  Response postNotification(Call& call);
  Response getNotifications(Call& call);
  Response addEvent(Call& call);
  Response getEvent(Call& call, const std::string& id);
  Response updateEvent(Call& call, const std::string& id);
  Response deleteEvent(Call& call, const std::string& id);
  Response searchEvents(Call& call);
  Response baseUsers(Call& call);
  Response baseOrganizations(Call& call);
  Response organizationUsers(Call& call, const std::string& organizationId);

  std::string now() const;
  bool mayUseGaroon(const cybozu::User& user) const;

  std::shared_ptr<cybozu::UserDirectory> directory_;
  GaroonConfig config_;
  std::mutex mutex_;  // guards the two stores
  NotificationStore notifications_;
  ScheduleStore schedule_;
};

}  // namespace teichaku::emulator::garoon
