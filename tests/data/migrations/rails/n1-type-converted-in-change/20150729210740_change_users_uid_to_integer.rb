class ChangeUsersUidToInteger < ActiveRecord::Migration[4.2]
  def change
    change_column :users, :uid, 'integer USING CAST(uid AS integer)'
    change_column :users, :login, 'text USING login::text'
  end
end
