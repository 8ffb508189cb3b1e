class RemoveAvatar < ActiveRecord::Migration[7.1]
  def change
    remove_column :users, :avatar, :image
    remove_column :users, :legacy_id, :integer
  end
end
