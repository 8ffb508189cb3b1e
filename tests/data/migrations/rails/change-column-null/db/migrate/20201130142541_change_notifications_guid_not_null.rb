class ChangeNotificationsGuidNotNull < ActiveRecord::Migration[5.2]
  def up
    change_column :notifications, :guid, :string, null: false
  end

  def down
    change_column :notifications, :guid, :string, null: true
  end
end
