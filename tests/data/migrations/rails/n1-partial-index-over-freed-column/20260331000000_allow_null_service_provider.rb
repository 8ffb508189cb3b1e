class AllowNullServiceProvider < ActiveRecord::Migration[7.2]
  disable_ddl_transaction!

  def up
    change_column_null :duplicate_profile_sets, :service_provider, true
    add_index :duplicate_profile_sets, :profile_ids,
              unique: true,
              where: 'service_provider IS NULL',
              algorithm: :concurrently
    add_index :duplicate_profile_sets, :closed_at,
              unique: true,
              where: 'reviewer IS NULL',
              algorithm: :concurrently
  end

  def down
    remove_index :duplicate_profile_sets, :closed_at, algorithm: :concurrently
    remove_index :duplicate_profile_sets, :profile_ids, algorithm: :concurrently
    change_column_null :duplicate_profile_sets, :service_provider, false
  end
end
