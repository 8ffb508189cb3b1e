class AddDefaultToStoreChannels < ActiveRecord::Migration[7.0]
  def change
    add_column :store_channels, :default, :boolean, null: false, default: false
    add_index :store_channels, :store_id, unique: true, where: '"default" = TRUE'
    add_column :store_channels, :main, :boolean, null: false, default: false
    add_index :store_channels, :code, unique: true, where: 'main = FALSE'
  end
end
